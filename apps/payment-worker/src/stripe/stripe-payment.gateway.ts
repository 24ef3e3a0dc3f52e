import { Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { PoisonMessageError } from '@conveyor/messaging';
import { StripeCallMetrics } from './stripe-call.metrics';

export type AuthorizationResult =
  { outcome: 'authorized'; paymentIntentId: string } | { outcome: 'declined'; reason: string };

/**
 * The payment worker's only door to Stripe. Every call carries an idempotency key derived from
 * the order, so a retry after a crash or a timeout replays Stripe's first answer instead of
 * charging again. Declines are business outcomes; Stripe 5xx, 429 and network errors are thrown
 * for the queue to retry; an idempotency conflict is a bug and goes to the dead-letter queue.
 */
@Injectable()
export class StripePaymentGateway {
  constructor(
    private readonly stripe: Stripe,
    private readonly calls: StripeCallMetrics,
  ) {}

  async authorize(input: {
    orderId: string;
    customerId: string;
    amountCents: number;
    currency: string;
    paymentMethod: string;
  }): Promise<AuthorizationResult> {
    try {
      const intent = await this.calls.track('authorize', () =>
        this.stripe.paymentIntents.create(
          {
            amount: input.amountCents,
            currency: input.currency.toLowerCase(),
            payment_method: input.paymentMethod,
            // Server-side confirmation with no customer present: no redirect-based methods.
            automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
            capture_method: 'manual',
            confirm: true,
            metadata: { order_id: input.orderId, customer_id: input.customerId },
          },
          { idempotencyKey: `conveyor-authorize-${input.orderId}` },
        ),
      );
      return { outcome: 'authorized', paymentIntentId: intent.id };
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) {
        return {
          outcome: 'declined',
          reason: `${error.code}: ${error.decline_code ?? 'declined'}`,
        };
      }
      if (
        error instanceof Stripe.errors.StripeInvalidRequestError &&
        error.param === 'payment_method'
      ) {
        return {
          outcome: 'declined',
          reason: `invalid payment method: ${error.code ?? 'invalid'}`,
        };
      }
      throw classifyStripeError(error);
    }
  }

  async capture(orderId: string, paymentIntentId: string): Promise<number> {
    try {
      const intent = await this.calls.track('capture', () =>
        this.stripe.paymentIntents.capture(
          paymentIntentId,
          {},
          { idempotencyKey: `conveyor-capture-${orderId}` },
        ),
      );
      return intent.amount_received;
    } catch (error) {
      throw classifyStripeError(error);
    }
  }

  async void(orderId: string, paymentIntentId: string): Promise<void> {
    try {
      await this.calls.track('void', () =>
        this.stripe.paymentIntents.cancel(
          paymentIntentId,
          { cancellation_reason: 'abandoned' },
          { idempotencyKey: `conveyor-void-${orderId}` },
        ),
      );
    } catch (error) {
      throw classifyStripeError(error);
    }
  }
}

function classifyStripeError(error: unknown): unknown {
  if (error instanceof Stripe.errors.StripeIdempotencyError) {
    return new PoisonMessageError(`Stripe idempotency conflict: ${error.message}`, {
      cause: error,
    });
  }
  if (error instanceof Stripe.errors.StripeInvalidRequestError) {
    return new PoisonMessageError(`Stripe refused the request: ${error.message}`, { cause: error });
  }
  return error;
}
