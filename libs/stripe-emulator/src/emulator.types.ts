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
