import type Stripe from 'stripe';
import type { DisputeReason, EmulatedDispute } from './charge-objects.factory';
import type { ClockView } from './emulator.clock';
import type {
  EmulatedPaymentIntentView,
  EmulatorStats,
  FaultProfile,
  WebhookFlushOrder,
  WebhookSettings,
  WebhooksView,
} from './emulator.types';

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

  /** The webhook endpoint's state and its recent deliveries. */
  webhooks(): Promise<WebhooksView> {
    return this.call('GET', '/_emulator/webhooks');
  }

  /** Changes the fields given: point at another receiver, switch off, pause to hold events. */
  configureWebhooks(settings: WebhookSettings): Promise<WebhooksView> {
    return this.call('POST', '/_emulator/webhooks', settings);
  }

  /** Sends the events held while paused, in this order, and stops holding. */
  flushWebhooks(
    order: WebhookFlushOrder = 'as-produced',
  ): Promise<WebhooksView & { flushed: number; order: WebhookFlushOrder }> {
    return this.call('POST', '/_emulator/webhooks/flush', { order });
  }

  /** Lets an authorization (requires_capture) lapse, as Stripe's do after 7 days. */
  expirePaymentIntent(id: string): Promise<Stripe.PaymentIntent> {
    return this.call('POST', `/_emulator/payment_intents/${encodeURIComponent(id)}/expire`);
  }

  /** Opens a dispute on a captured charge (`ch_…`, or a `pi_…` for its latest charge). */
  disputeCharge(
    id: string,
    input: { reason?: DisputeReason; amount?: number } = {},
  ): Promise<EmulatedDispute> {
    return this.call('POST', `/_emulator/charges/${encodeURIComponent(id)}/dispute`, input);
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
