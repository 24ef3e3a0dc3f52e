/**
 * Shapes of the emulator-only control API (/_emulator/*). Fields mirrored from the Stripe
 * PaymentIntent keep Stripe's snake_case names; the emulator's own bookkeeping is camelCase.
 */
export interface EmulatedRefundView {
  id: string;
  amount: number;
  status: string | null;
  idempotencyKey: string | null;
}

export interface EmulatedPaymentIntentView {
  id: string;
  status: string;
  amount: number;
  currency: string;
  amount_capturable: number;
  amount_received: number;
  capture_method: string;
  metadata: Record<string, string>;
  latest_charge: string | null;
  created: number;
  captureCount: number;
  cancellation: { canceledAt: number; reason: string | null } | null;
  refunds: EmulatedRefundView[];
  amountRefunded: number;
  /** The Idempotency-Key of the request that created it (null when sent without one). */
  idempotencyKey: string | null;
}

export interface FaultProfile {
  /** Share (0..1) of /v1 requests failed before any work, with one of `errorStatuses`. */
  errorRate: number;
  errorStatuses: number[];
  /** Delay added before every /v1 answer. */
  latencyMs: number;
  /** Share (0..1) of PaymentIntent create/confirm/capture requests whose answer is dropped. */
  dropAfterChargeRate: number;
  /** Seeds the fault dice for a reproducible sequence; null uses Math.random. */
  seed: number | null;
}

export interface EmulatorStats {
  /** Count of /v1 requests per route, e.g. `POST /v1/payment_intents/:id/capture`. */
  requests: Record<string, number>;
  faults: {
    /** Injected error answers per HTTP status. */
    errors: Record<string, number>;
    droppedAfterCharge: number;
  };
  idempotentReplays: number;
}

/** Where the emulator sends its events, and the secret it signs them with (`whsec_…`). */
export interface WebhookEndpoint {
  url: string;
  secret: string;
}

/** How a webhook is retried; the defaults suit a local stack, tests shorten them. */
export interface WebhookDeliveryPolicy {
  /** Attempts per event, the first included, before it is recorded as failed. */
  maxAttempts: number;
  /** The wait before the second attempt; it doubles for each further one. */
  firstRetryDelayMs: number;
  maxRetryDelayMs: number;
  /** An attempt that has no answer after this long counts as failed. */
  attemptTimeoutMs: number;
  /** Attempts in flight at once, over all PaymentIntents. */
  maxConcurrent: number;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDeliveryView {
  eventId: string;
  type: string;
  /** The PaymentIntent the event is about: its events are delivered one after another. */
  paymentIntent: string;
  attempts: number;
  status: WebhookDeliveryStatus;
  /** The receiver's HTTP status at the last attempt, when it answered. */
  lastStatusCode?: number;
  /** Why the last attempt got no answer (connection refused, timeout). */
  lastError?: string;
}

export interface WebhooksView {
  url: string | null;
  /** Whether events are being made into deliveries: switched on, with a URL and a secret. */
  enabled: boolean;
  /** Events are held, not sent, until a flush (or `paused: false`). */
  paused: boolean;
  /** Held, in flight or waiting for a retry. */
  pending: number;
  held: number;
  delivered: number;
  failed: number;
  /** The most recent deliveries, oldest first. */
  deliveries: WebhookDeliveryView[];
}

/** POST /_emulator/webhooks: fields left out keep their value. */
export interface WebhookSettings {
  url?: string;
  secret?: string;
  enabled?: boolean;
  paused?: boolean;
}

export type WebhookFlushOrder = 'as-produced' | 'reverse';
