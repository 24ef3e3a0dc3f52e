import { performance } from 'node:perf_hooks';
import { PeriodicTask } from './periodic.task';
import type { ProcessPoint, ProcessTarget } from './load-report.types';

/** prom-client's default metrics, which every Conveyor app registers on /metrics. */
const SERIES = {
  rssBytes: 'process_resident_memory_bytes',
  heapUsedBytes: 'nodejs_heap_size_used_bytes',
  handles: 'nodejs_active_handles_total',
  startTime: 'process_start_time_seconds',
} as const;

export interface SampledProcess extends ProcessTarget {
  points: ProcessPoint[];
  errors: number;
  /** Times the process started again during the run (its start time changed). */
  restarts: number;
}

/**
 * Reads each process's memory and open handles from its /metrics every `intervalSeconds`, for
 * the soak report's trends. A failed scrape is counted, never fatal: the load goes on.
 */
export class ProcessMetricsSampler {
  private readonly processes: (SampledProcess & { lastStart?: number })[];
  private task?: PeriodicTask;
  private origin = 0;

  constructor(
    targets: readonly ProcessTarget[],
    private readonly intervalSeconds: number,
  ) {
    this.processes = targets.map((target) => ({ ...target, points: [], errors: 0, restarts: 0 }));
  }

  start(origin = performance.now()): void {
    this.origin = origin;
    this.task = new PeriodicTask(this.intervalSeconds * 1000, () => this.sampleAll(), origin);
  }

  async stop(): Promise<SampledProcess[]> {
    await this.task?.stop();
    await this.sampleAll();
    return this.processes.map(({ lastStart: _lastStart, ...process }) => process);
  }

  private async sampleAll(): Promise<void> {
    const t = Math.round((performance.now() - this.origin) / 100) / 10;
    await Promise.all(this.processes.map((process) => this.sample(process, t)));
  }

  private async sample(process: SampledProcess & { lastStart?: number }, t: number) {
    try {
      const response = await fetch(process.metricsUrl, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const values = parseSeries(await response.text());
      if (values.rssBytes === undefined || values.heapUsedBytes === undefined) {
        throw new Error('no process_resident_memory_bytes or nodejs_heap_size_used_bytes');
      }
      if (process.lastStart !== undefined && values.startTime !== process.lastStart) {
        process.restarts += 1;
      }
      process.lastStart = values.startTime;
      process.points.push({
        t,
        rssBytes: values.rssBytes,
        heapUsedBytes: values.heapUsedBytes,
        handles: values.handles ?? null,
      });
    } catch {
      process.errors += 1;
    }
  }
}

/** The four series' values in a Prometheus text exposition (labels, e.g. `service`, ignored). */
export function parseSeries(text: string): Partial<Record<keyof typeof SERIES, number>> {
  const found: Partial<Record<keyof typeof SERIES, number>> = {};
  for (const line of text.split('\n')) {
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{[^}]*\})? (\S+)/.exec(line);
    if (!sample) continue;
    const [, name, value] = sample;
    for (const [key, metric] of Object.entries(SERIES) as [keyof typeof SERIES, string][]) {
      if (name === metric && value !== undefined) found[key] = Number(value);
    }
  }
  return found;
}

/** The local stack's four apps (npm start), on the ports it gives them. */
export const LOCAL_STACK_PROCESSES: ProcessTarget[] = [
  { name: 'order-api', metricsUrl: 'http://127.0.0.1:3000/metrics' },
  { name: 'payment-worker', metricsUrl: 'http://127.0.0.1:3001/metrics' },
  { name: 'inventory-worker', metricsUrl: 'http://127.0.0.1:3002/metrics' },
  { name: 'shipping-worker', metricsUrl: 'http://127.0.0.1:3003/metrics' },
];
