export interface RestartBackoffOptions {
  /** Delay before the first restart. */
  initialDelayMs?: number;
  /** Ceiling of the doubling delays, so a crash loop costs a restart every this often. */
  maxDelayMs?: number;
  /**
   * A process that ran at least this long before it died starts the count again, even if no
   * probe ever saw it come up (a supervisor without one).
   */
  resetAfterMs?: number;
}

export const DEFAULT_RESTART_BACKOFF: Required<RestartBackoffOptions> = {
  initialDelayMs: 250,
  maxDelayMs: 15_000,
  resetAfterMs: 30_000,
};

/**
 * How long to wait before restarting an app that exited unexpectedly: doubling from
 * `initialDelayMs` while it keeps dying before it comes up (a crash loop), capped at
 * `maxDelayMs`; back to the start once a process has proven it is not crash-looping, by coming
 * up (`cameUp`, from the supervisor's probe) or by staying up for `resetAfterMs`.
 */
export class RestartBackoff {
  private readonly options: Required<RestartBackoffOptions>;
  private failures = 0;

  constructor(options: RestartBackoffOptions = {}) {
    this.options = { ...DEFAULT_RESTART_BACKOFF, ...options };
  }

  /** Restarts in a row so far without a process coming up (each counted by `next`). */
  get consecutive(): number {
    return this.failures;
  }

  /** The process came up (live): whatever kills it next, it was not a crash loop. */
  cameUp(): void {
    this.failures = 0;
  }

  /** The delay before the next restart, given how long the process that died had run. */
  next(uptimeMs: number): number {
    if (uptimeMs >= this.options.resetAfterMs) this.failures = 0;
    const delay = this.options.initialDelayMs * 2 ** Math.min(this.failures, 30);
    this.failures++;
    return Math.min(delay, this.options.maxDelayMs);
  }
}
