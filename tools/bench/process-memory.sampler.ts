import { readFileSync } from 'node:fs';

const MB = 1024 * 1024;
const SAMPLE_EVERY_MS = 500;
/** Resident memory above this under load is flagged (issue 14's goal for every app). */
export const RSS_LIMIT_MB = 200;

/** Processes every window shares, and the floors' clients: measured, but not apps. */
export const SHARED_PROCESSES = {
  sqs: 'sqs emulator',
  stripe: 'stripe emulator',
  bench: 'bench (load, seeding)',
  pgbench: 'pgbench (client)',
} as const;
const NOT_APPS = new Set<string>(Object.values(SHARED_PROCESSES));

export function isApp(name: string): boolean {
  return !NOT_APPS.has(name);
}

/** Resident memory of each process in a window: the highest sample and the last one, in MB. */
export type MemoryUse = Record<string, { peakMB: number; endMB: number }>;

/**
 * Samples each process's resident set (VmRSS in /proc) twice a second during a measured window.
 * Off Linux it reports nothing.
 */
export class ProcessMemorySampler {
  private readonly peaks = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly processes: () => Record<string, number | undefined>) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_EVERY_MS);
  }

  stop(): MemoryUse | null {
    clearInterval(this.timer);
    const end = this.sample();
    if (end.size === 0) return null;
    const use: MemoryUse = {};
    for (const [name, bytes] of end) {
      const peak = Math.max(bytes, this.peaks.get(name) ?? 0);
      use[name] = { peakMB: Math.round(peak / MB), endMB: Math.round(bytes / MB) };
    }
    return use;
  }

  private sample(): Map<string, number> {
    const now = new Map<string, number>();
    for (const [name, pid] of Object.entries(this.processes())) {
      const bytes = pid === undefined ? undefined : residentBytes(pid);
      if (bytes === undefined) continue;
      now.set(name, bytes);
      this.peaks.set(name, Math.max(bytes, this.peaks.get(name) ?? 0));
    }
    return now;
  }
}

/** The apps whose peak is above the limit, as `name peak MB`. */
export function aboveLimit(memory: MemoryUse | null): string[] {
  return Object.entries(memory ?? {})
    .filter(([name, use]) => isApp(name) && use.peakMB > RSS_LIMIT_MB)
    .map(([name, use]) => `${name} ${use.peakMB} MB`);
}

function residentBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
