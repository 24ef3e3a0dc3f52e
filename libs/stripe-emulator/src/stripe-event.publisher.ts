import type { EmulatorClock } from './emulator.clock';
import { newStripeId } from './stripe-id.generator';

/** The API version the emulator speaks (the stripe-node release it is tested with pins it). */
export const EMULATED_API_VERSION = '2026-10-28.endive';

export type EmulatedEventType =
  | 'payment_intent.created'
  | 'payment_intent.amount_capturable_updated'
  | 'payment_intent.payment_failed'
  | 'payment_intent.succeeded'
  | 'payment_intent.canceled'
  | 'charge.succeeded'
  | 'charge.failed'
  | 'charge.captured'
  | 'charge.expired'
  | 'charge.refunded'
  | 'charge.dispute.created'
  | 'refund.created';

/** The API request that caused an event; both null for what Stripe does on its own (expiry). */
export interface EventRequest {
  id: string | null;
  idempotency_key: string | null;
}

/** A Stripe Event object, as Stripe sends it to a webhook endpoint. */
export interface EmulatedEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  type: EmulatedEventType;
  livemode: false;
  pending_webhooks: number;
  request: EventRequest;
  data: { object: { id: string } & object };
}

/** Where events go: the webhook dispatcher. */
export interface EventSink {
  /** Whether an event published now would be delivered. */
  accepts(): boolean;
  /** `paymentIntentId` orders delivery: one PaymentIntent's events go out in the order made. */
  publish(event: EmulatedEvent, paymentIntentId: string): void;
}

const AUTOMATIC: EventRequest = { id: null, idempotency_key: null };

/**
 * Turns the emulator's state changes into Stripe events. Services call `emit` at the moment the
 * state changes, so an event exists only when something happened: an idempotent replay or an
 * injected fault that stops a request before any work runs no service code and emits nothing.
 */
export class EventPublisher {
  private request: EventRequest = AUTOMATIC;

  constructor(
    private readonly clock: EmulatorClock,
    private readonly sink: EventSink,
  ) {}

  /** Runs a /v1 endpoint; events it emits name that request (handlers are synchronous). */
  duringRequest<T>(request: EventRequest, run: () => T): T {
    const outer = this.request;
    this.request = request;
    try {
      return run();
    } finally {
      this.request = outer;
    }
  }

  /** Publishes `object` as it is now (a copy, so later changes do not reach the event). */
  emit(type: EmulatedEventType, object: { id: string } & object, paymentIntentId: string): void {
    if (!this.sink.accepts()) {
      // No endpoint to send it to, and nothing else reads events: spare the copy.
      return;
    }
    const event: EmulatedEvent = {
      id: newStripeId('evt'),
      object: 'event',
      api_version: EMULATED_API_VERSION,
      created: this.clock.nowSeconds(),
      type,
      livemode: false,
      // The one endpoint it is sent to.
      pending_webhooks: 1,
      request: { ...this.request },
      data: { object: structuredClone(object) },
    };
    this.sink.publish(event, paymentIntentId);
  }
}
