import { Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { METRICS, MetricsService } from '@conveyor/observability';

export type StripeOperation = 'lookup' | 'authorize' | 'capture' | 'void';

/** The `outcome` label: success, or the Stripe error class (a bounded set, never a message). */
export function stripeOutcomeOf(error: unknown): string {
  const { errors } = Stripe;
  if (error instanceof errors.StripeCardError) return 'declined';
  if (error instanceof errors.StripeIdempotencyError) return 'idempotency_conflict';
  if (error instanceof errors.StripeInvalidRequestError) return 'invalid_request';
  if (error instanceof errors.StripeRateLimitError) return 'rate_limited';
  if (error instanceof errors.StripeConnectionError) return 'connection_error';
  if (error instanceof errors.StripeAPIError) return 'api_error';
  if (
    error instanceof errors.StripeAuthenticationError ||
    error instanceof errors.StripePermissionError
  ) {
    return 'auth_error';
  }
  return 'error';
}

/** Counts and times every Stripe call of the payment worker by operation and outcome. */
@Injectable()
export class StripeCallMetrics {
  private readonly calls;
  private readonly duration;
  private readonly idempotencyErrors;

  constructor(metrics: MetricsService) {
    this.calls = metrics.counter(METRICS.stripeCalls);
    this.duration = metrics.histogram(METRICS.stripeCallDuration);
    this.idempotencyErrors = metrics.counter(METRICS.stripeIdempotencyErrors);
  }

  /** A request Stripe's memory contradicts: dead-lettered, never retried under a new key. */
  idempotencyMismatch(operation: StripeOperation): void {
    this.idempotencyErrors.inc({ operation });
  }

  async track<T>(operation: StripeOperation, call: () => Promise<T>): Promise<T> {
    const stopTimer = this.duration.startTimer({ operation });
    try {
      const result = await call();
      this.calls.inc({ operation, outcome: 'success' });
      return result;
    } catch (error) {
      this.calls.inc({ operation, outcome: stripeOutcomeOf(error) });
      throw error;
    } finally {
      stopTimer();
    }
  }
}
