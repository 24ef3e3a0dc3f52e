import { Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { PoisonMessageError } from '@conveyor/messaging';
import { StripeCallMetrics, type StripeOperation } from './stripe-call.metrics';

export type AuthorizationResult =
  { outcome: 'authorized'; paymentIntentId: string } | { outcome: 'declined'; reason: string };

export interface AuthorizationInput {
  orderId: string;
  customerId: string;
  amountCents: number;
  currency: string;
  paymentMethod: string;
}

/** The poison reason of a request Stripe's memory contradicts: the DLQ and the logs show it. */
export const IDEMPOTENCY_MISMATCH = 'stripe-idempotency-mismatch';

/** PaymentIntents that hold (or took) the customer's money: reusing one never charges twice. */
const REUSABLE: readonly string[] = ['requires_capture', 'processing', 'succeeded'];

/**
 * The payment worker's only door to Stripe. Every call carries an idempotency key derived from
 * the order, so a retry after a crash or a timeout replays Stripe's first answer instead of
 * charging again. Stripe forgets keys after 24 hours, so an authorization first looks for a
 * PaymentIntent already made for the order (search by metadata) and reuses it. Declines are
 * business outcomes; Stripe 5xx, 429 and network errors are thrown for the queue to retry; an
 * idempotency conflict is a bug and goes to the dead-letter queue, never to a new key.
 */
@Injectable()
export class StripePaymentGateway {
  constructor(
    private readonly stripe: Stripe,
    private readonly calls: StripeCallMetrics,
  ) {}

  async authorize(input: AuthorizationInput): Promise<AuthorizationResult> {
    try {
      const made = await this.authorizationMadeFor(input);
      if (made) return { outcome: 'authorized', paymentIntentId: made.id };
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
      throw this.classify(error, 'authorize');
    }
  }

  /**
   * An authorization an earlier attempt made for this order, which a redrive after Stripe forgot
   * the key would otherwise repeat. One for another amount contradicts the request: poison.
   */
  private async authorizationMadeFor(input: AuthorizationInput) {
    const found = await this.calls.track('lookup', () =>
      this.stripe.paymentIntents.search({
        query: `metadata['order_id']:'${input.orderId.replace(/['\\]/g, '\\$&')}'`,
      }),
    );
    const made = found.data.find((intent) => REUSABLE.includes(intent.status));
    if (!made) return undefined;
    if (made.amount !== input.amountCents || made.currency !== input.currency.toLowerCase()) {
      this.calls.idempotencyMismatch('authorize');
      throw new PoisonMessageError(
        `${IDEMPOTENCY_MISMATCH}: PaymentIntent ${made.id} authorized ${made.amount} ${made.currency} for order ${input.orderId}, the request asks ${input.amountCents} ${input.currency}`,
      );
    }
    return made;
  }

  /** The order a PaymentIntent was made for (its metadata), or undefined if Conveyor did not make it. */
  async orderOf(paymentIntentId: string): Promise<string | undefined> {
    try {
      const intent = await this.calls.track('lookup', () =>
        this.stripe.paymentIntents.retrieve(paymentIntentId),
      );
      return intent.metadata.order_id;
    } catch (error) {
      throw this.classify(error, 'lookup');
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
      throw this.classify(error, 'capture');
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
      throw this.classify(error, 'void');
    }
  }

  private classify(error: unknown, operation: StripeOperation): unknown {
    if (error instanceof Stripe.errors.StripeIdempotencyError) {
      this.calls.idempotencyMismatch(operation);
    }
    return classifyStripeError(error);
  }
}

function classifyStripeError(error: unknown): unknown {
  if (error instanceof Stripe.errors.StripeIdempotencyError) {
    return new PoisonMessageError(`${IDEMPOTENCY_MISMATCH}: ${error.message}`, {
      cause: error,
    });
  }
  if (error instanceof Stripe.errors.StripeInvalidRequestError) {
    return new PoisonMessageError(`Stripe refused the request: ${error.message}`, { cause: error });
  }
  return error;
}
