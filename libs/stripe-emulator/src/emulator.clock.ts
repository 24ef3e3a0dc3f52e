/** Stripe forgets an Idempotency-Key after 24 hours. */
export const IDEMPOTENCY_KEY_TTL_SECONDS = 24 * 60 * 60;

export interface ClockView {
  /** The emulator's now, in Unix seconds, as `created` and `canceled_at` show it. */
  now: number;
  /** How far the control API moved the emulator's clock ahead of the machine's. */
  offsetSeconds: number;
}

/**
 * The emulator's sense of time: the machine's clock plus an offset that tests move forward
 * (POST /_emulator/clock), so a day of Stripe's memory can pass in a test that lasts seconds.
 */
export class EmulatorClock {
  private offsetSeconds = 0;

  nowSeconds(): number {
    return Math.floor(Date.now() / 1000) + this.offsetSeconds;
  }

  advance(seconds: number): ClockView {
    this.offsetSeconds += seconds;
    return this.view();
  }

  view(): ClockView {
    return { now: this.nowSeconds(), offsetSeconds: this.offsetSeconds };
  }

  reset(): void {
    this.offsetSeconds = 0;
  }
}
