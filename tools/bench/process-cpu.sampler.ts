import { readFileSync } from 'node:fs';
import type { Pool } from 'pg';

/** Linux's USER_HZ: /proc counts CPU time in hundredths of a second on every common platform. */
export const TICKS_PER_SECOND = 100;

export interface CpuUse {
  /** Cores the whole machine kept busy (out of `os.cpus().length`), every process included. */
  machineBusyCores: number;
  /** Cores used by each part of the benchmark; `postgres: <app>` are that app's database sessions. */
  byComponent: Record<string, number>;
  /** All of them together: what the figure cost, whatever else the machine was doing. */
  trackedCores: number;
}

/** CPU milliseconds the tracked processes spent per order, at `perSecond` orders a second. */
export function cpuMsPerOrder(cpu: CpuUse | null, perSecond: number): number | null {
  if (!cpu || !(perSecond > 0)) return null;
  return Math.round((cpu.trackedCores * 1000 * 10) / perSecond) / 10;
}

interface Reading {
  at: number;
  machine: { busy: number; total: number };
  ticks: Map<string, number>;
}

/**
 * Where the CPU went during a measured window, read from /proc: the app processes, the emulators,
 * the benchmark itself and the PostgreSQL sessions of each app (by application_name). Tells which
 * resource a figure is limited by. Off Linux it reports nothing.
 */
export class ProcessCpuSampler {
  private first: Reading | null = null;

  constructor(
    private readonly processes: () => Record<string, number | undefined>,
    private readonly sql: Pool,
    private readonly databaseName: string,
  ) {}

  async start(): Promise<void> {
    this.first = await this.read();
  }

  async stop(): Promise<CpuUse | null> {
    const first = this.first;
    const last = await this.read();
    if (!first || !last) return null;
    const seconds = (last.at - first.at) / 1000;
    const byComponent: Record<string, number> = {};
    for (const [name, ticks] of last.ticks) {
      const used = ticks - (first.ticks.get(name) ?? ticks);
      byComponent[name] = Math.round((used / TICKS_PER_SECOND / seconds) * 100) / 100;
    }
    const busy = last.machine.busy - first.machine.busy;
    const total = last.machine.total - first.machine.total;
    const cores = total / TICKS_PER_SECOND / seconds;
    const tracked = Object.values(byComponent).reduce((sum, value) => sum + value, 0);
    return {
      machineBusyCores: Math.round((busy / Math.max(1, total)) * cores * 100) / 100,
      byComponent,
      trackedCores: Math.round(tracked * 100) / 100,
    };
  }

  private async read(): Promise<Reading | null> {
    const machine = machineTicks();
    if (!machine) return null;
    const ticks = new Map<string, number>();
    for (const [name, pid] of Object.entries(this.processes())) {
      if (pid !== undefined) ticks.set(name, processTicks(pid) ?? 0);
    }
    const { rows } = await this.sql.query<{ pid: number; application_name: string }>(
      `SELECT pid, application_name FROM pg_stat_activity WHERE datname = $1`,
      [this.databaseName],
    );
    for (const row of rows) {
      const name = `postgres: ${row.application_name || 'other'}`;
      ticks.set(name, (ticks.get(name) ?? 0) + (processTicks(row.pid) ?? 0));
    }
    return { at: performance.now(), machine, ticks };
  }
}

/** utime + stime of one process, or undefined when it is gone or /proc is not there. */
export function processTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name, which may itself contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const numbers = values.map(Number);
    const total = numbers.slice(0, 8).reduce((sum, value) => sum + value, 0);
    const idle = numbers[3] + numbers[4];
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}
