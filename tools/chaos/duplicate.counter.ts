import { CONVEYOR_APPS, type ConveyorApp } from '@conveyor/contracts';

/** Sums every `conveyor_messages_duplicate_total` sample in a Prometheus text exposition. */
export function sumDuplicates(metrics: string): number {
  let total = 0;
  for (const line of metrics.split('\n')) {
    if (!line.startsWith('conveyor_messages_duplicate_total')) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) total += value;
  }
  return total;
}

interface Reading {
  pid: number;
  value: number;
}

/**
 * Duplicates the apps skipped, across kills. A counter lives as long as its process, so each
 * app's /metrics is read every second and just before every kill, per pid: when the pid changes,
 * the last reading of the old process is banked. What a process counted after its last reading
 * and before it died is lost, so the total is a lower bound.
 */
export class DuplicateCounter {
  private readonly banked = new Map<ConveyorApp, number>();
  private readonly latest = new Map<ConveyorApp, Reading>();
  scrapeErrors = 0;

  constructor(
    private readonly ports: Record<ConveyorApp, number>,
    private readonly pidOf: (app: ConveyorApp) => number | undefined,
  ) {}

  async scrapeAll(): Promise<void> {
    await Promise.all(CONVEYOR_APPS.map((app) => this.scrape(app)));
  }

  async scrape(app: ConveyorApp): Promise<void> {
    const pid = this.pidOf(app);
    if (pid === undefined) return;
    try {
      const response = await fetch(`http://127.0.0.1:${this.ports[app]}/metrics`, {
        signal: AbortSignal.timeout(2_000),
      });
      if (!response.ok) throw new Error(`status ${response.status}`);
      this.record(app, pid, sumDuplicates(await response.text()));
    } catch {
      this.scrapeErrors++;
    }
  }

  /** Banked readings of dead processes plus the latest of the running ones, by app. */
  totals(): Record<ConveyorApp, number> {
    const totals = {} as Record<ConveyorApp, number>;
    for (const app of CONVEYOR_APPS) {
      totals[app] = (this.banked.get(app) ?? 0) + (this.latest.get(app)?.value ?? 0);
    }
    return totals;
  }

  private record(app: ConveyorApp, pid: number, value: number): void {
    const previous = this.latest.get(app);
    if (previous && previous.pid !== pid) {
      this.banked.set(app, (this.banked.get(app) ?? 0) + previous.value);
    }
    if (!previous || previous.pid !== pid || value >= previous.value) {
      this.latest.set(app, { pid, value });
    }
  }
}
