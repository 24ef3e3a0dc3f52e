import type { Pool } from 'pg';
import type { ProcessCpuSampler, CpuUse } from './process-cpu.sampler';
import type { MemoryUse, ProcessMemorySampler } from './process-memory.sampler';

/** What a measured window cost: CPU and resident memory by process. */
export interface WindowMeasures {
  cpu: CpuUse | null;
  memory: MemoryUse | null;
}

/** Starts and stops the readings of a measured window together. */
export class WindowMeter {
  constructor(
    private readonly cpu: ProcessCpuSampler,
    private readonly memory: ProcessMemorySampler,
  ) {}

  async start(): Promise<void> {
    this.memory.start();
    await this.cpu.start();
  }

  async stop(): Promise<WindowMeasures> {
    const cpu = await this.cpu.stop();
    return { cpu, memory: this.memory.stop() };
  }
}

/**
 * Counts the queries sent through `pool` (each one its own transaction), so that the figures can
 * leave the benchmark's own polling and seeding out.
 */
export function countQueries(pool: Pool): () => number {
  let count = 0;
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
    count += 1;
    return query(...args);
  };
  return () => count;
}

/**
 * The window's readings once both the load and the window are over, so a failing load never
 * leaves a window running (its memory sampling would go on); the load's failure comes first.
 */
export async function bothSettled(
  load: Promise<unknown>,
  window: Promise<WindowMeasures>,
): Promise<WindowMeasures> {
  const [loaded, measured] = await Promise.allSettled([load, window]);
  if (loaded.status === 'rejected') throw loaded.reason;
  if (measured.status === 'rejected') throw measured.reason;
  return measured.value;
}
