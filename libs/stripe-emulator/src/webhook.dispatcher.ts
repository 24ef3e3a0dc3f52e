import type {
  WebhookDeliveryPolicy,
  WebhookEndpoint,
  WebhookFlushOrder,
  WebhookSettings,
  WebhooksView,
} from './emulator.types';
import type { EmulatedEvent, EventSink } from './stripe-event.publisher';
import { WebhookDeliveryLog } from './webhook-delivery.log';
import { checkWebhookEndpoint } from './webhook-settings.reader';
import { WebhookSender, type QueuedDelivery } from './webhook.sender';

/** Attempts at 0, 0.5, 1.5, 3.5, 7.5 and 15.5 s: a receiver restarting in that time gets it. */
export const DEFAULT_WEBHOOK_DELIVERY: WebhookDeliveryPolicy = {
  maxAttempts: 6,
  firstRetryDelayMs: 500,
  maxRetryDelayMs: 8_000,
  attemptTimeoutMs: 10_000,
  maxConcurrent: 8,
};

/** A test that pauses and forgets to flush must not grow the emulator without bound. */
const MAX_HELD = 10_000;

interface Settings {
  url: string | null;
  secret: string | null;
  enabled: boolean;
  paused: boolean;
}

function initialSettings(endpoint: WebhookEndpoint | undefined): Settings {
  return {
    url: endpoint?.url ?? null,
    secret: endpoint?.secret ?? null,
    enabled: true,
    paused: false,
  };
}

/**
 * The emulator's webhook endpoint: turns each published event into a delivery, sent at once or
 * held while paused, and keeps their state for the control API. Without a URL and a secret (or
 * switched off) it accepts no events, and none are made: a Stripe account with no endpoint.
 */
export class WebhookDispatcher implements EventSink {
  private settings: Settings;
  private held: QueuedDelivery[] = [];
  private readonly log = new WebhookDeliveryLog();
  private readonly sender: WebhookSender;
  private stopped = false;

  constructor(
    private readonly initial: WebhookEndpoint | undefined,
    policy: Partial<WebhookDeliveryPolicy> = {},
  ) {
    this.initial = initial && checkWebhookEndpoint(initial);
    this.settings = initialSettings(this.initial);
    const endpoint = () => this.endpoint();
    this.sender = new WebhookSender({ ...DEFAULT_WEBHOOK_DELIVERY, ...policy }, endpoint, this.log);
  }

  accepts(): boolean {
    return !this.stopped && this.settings.enabled && this.endpoint() !== null;
  }

  publish(event: EmulatedEvent, paymentIntent: string): void {
    if (!this.accepts()) {
      return;
    }
    const record = this.log.open(event, paymentIntent);
    const delivery = { payload: JSON.stringify(event, null, 2), paymentIntent, record };
    if (!this.settings.paused) {
      this.sender.enqueue(delivery);
    } else if (this.held.length < MAX_HELD) {
      this.held.push(delivery);
    } else {
      this.log.settle(record, 'failed', `not held: ${MAX_HELD} events are held already`);
    }
  }

  /** Changes only the fields given; `paused: false` sends the held events, as produced. */
  configure(update: WebhookSettings): WebhooksView {
    const { paused, ...rest } = update;
    this.settings = { ...this.settings, ...rest };
    if (paused === true) {
      this.settings.paused = true;
    } else if (paused === false) {
      this.flush('as-produced');
    }
    return this.view();
  }

  /** Hands the held events to the sender in this order and stops holding; answers how many. */
  flush(order: WebhookFlushOrder): number {
    const held = order === 'reverse' ? this.held.reverse() : this.held;
    this.held = [];
    this.settings.paused = false;
    for (const delivery of held) {
      this.sender.enqueue(delivery);
    }
    return held.length;
  }

  view(): WebhooksView {
    const { url, paused } = this.settings;
    const counts = this.log.counters();
    const deliveries = this.log.deliveries();
    return { url, enabled: this.accepts(), paused, ...counts, held: this.held.length, deliveries };
  }

  /** Forgets every delivery and held event; the URL and secret go back to the constructor's. */
  reset(): void {
    this.sender.abandon();
    this.held = [];
    this.log.clear();
    this.settings = initialSettings(this.initial);
  }

  /** Abandons every delivery for good: nothing is sent after the emulator stops. */
  stop(): void {
    this.stopped = true;
    this.sender.abandon();
    this.held = [];
  }

  private endpoint(): WebhookEndpoint | null {
    const { url, secret } = this.settings;
    return url !== null && secret !== null ? { url, secret } : null;
  }
}
