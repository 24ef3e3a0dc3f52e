import type { ClockView } from './emulator.clock';
import type { EmulatedPaymentIntentView, EmulatorStats, FaultProfile } from './emulator.types';

/** A typed client for the emulator's /_emulator control API, for tests and local tooling. */
export class StripeEmulatorControl {
  private readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
  }

  listPaymentIntents(): Promise<EmulatedPaymentIntentView[]> {
    return this.call('GET', '/_emulator/payment-intents');
  }

  /** Replaces the whole fault profile; fields left out go back to their defaults (no faults). */
  setFaults(faults: Partial<FaultProfile>): Promise<FaultProfile> {
    return this.call('POST', '/_emulator/faults', faults);
  }

  faults(): Promise<FaultProfile> {
    return this.call('GET', '/_emulator/faults');
  }

  /** Clears every object, saved idempotent answer, fault and counter. */
  async reset(): Promise<void> {
    await this.call('POST', '/_emulator/reset');
  }

  /** Moves the emulator's clock forward (saved idempotency keys expire after 24 h of it). */
  advanceClock(advanceSeconds: number): Promise<ClockView> {
    return this.call('POST', '/_emulator/clock', { advanceSeconds });
  }

  clock(): Promise<ClockView> {
    return this.call('GET', '/_emulator/clock');
  }

  stats(): Promise<EmulatorStats> {
    return this.call('GET', '/_emulator/stats');
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`Stripe emulator ${method} ${path} answered ${response.status}: ${text}`);
    }
    return JSON.parse(text) as T;
  }
}
