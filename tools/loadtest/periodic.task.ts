import { performance } from 'node:perf_hooks';

/**
 * Runs a task on a fixed grid (origin + k·interval) without overlapping itself: a run that
 * overstays skips the ticks it missed instead of queueing them, so a slow SQS or API answer
 * delays only its own figure. The task must not throw.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private tick = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly task: () => void | Promise<void>,
    private readonly origin = performance.now(),
  ) {
    this.schedule();
  }

  /** Stops the grid and waits for a run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    const now = performance.now();
    this.tick = Math.max(this.tick + 1, Math.floor((now - this.origin) / this.intervalMs) + 1);
    const at = this.origin + this.tick * this.intervalMs;
    this.timer = setTimeout(() => {
      this.running = Promise.resolve(this.task()).finally(() => {
        this.running = undefined;
        this.schedule();
      });
    }, at - now);
  }
}
