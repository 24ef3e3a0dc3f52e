import type Stripe from 'stripe';
import type { EnvelopeOf } from '@conveyor/contracts';
import type { MessageHandler } from '@conveyor/messaging';
import { deliver } from '@conveyor/testing';
import type { PaymentStatus } from './payment.entity';
import type { PaymentSpec } from './payment-spec.fixture';

/** The requests about a payment already authorized: capture and void. */
type OnAuthorized = 'payment.capture-requested' | 'payment.void-requested';

/** What Stripe can have done to a PaymentIntent behind the worker's back. */
const STRIPE_SIDE = {
  canceled: (stripe: Stripe, id: string) => stripe.paymentIntents.cancel(id),
  captured: (stripe: Stripe, id: string) => stripe.paymentIntents.capture(id),
};

/**
 * The tests every Stripe call on an authorized payment shares: Stripe 500 and 429 are retried by
 * the queue with nothing recorded, and a request Stripe refuses because the PaymentIntent was
 * `stripeSide` there is dead-lettered; either way the payment stays AUTHORIZED and no inbox or
 * outbox row is committed. A successful retry leaves the payment `settles`.
 */
export function itClassifiesStripeFailures<T extends OnAuthorized>(
  spec: PaymentSpec,
  handler: () => MessageHandler<T>,
  request: (orderId: string) => EnvelopeOf<T>,
  settles: PaymentStatus,
  stripeSide: keyof typeof STRIPE_SIDE,
): void {
  it.each([500, 429])(
    'is retried, with nothing recorded, while Stripe answers %i',
    async (status) => {
      const envelope = request((await spec.seedAuthorizedOrder()).orderId);

      const outcome = await spec.whileStripeFails(status, () => deliver(handler(), envelope));

      expect(outcome).toMatchObject({ kind: 'transient' });
      await spec.expectUntouched(envelope.orderId, 'AUTHORIZED');
      expect(await deliver(handler(), envelope, 2)).toEqual({ kind: 'done' });
      expect(await spec.paymentOf(envelope.orderId)).toMatchObject({ status: settles });
    },
  );

  it(`is dead-lettered when Stripe refuses it: the PaymentIntent was ${stripeSide} there`, async () => {
    const { orderId, paymentIntentId } = await spec.seedAuthorizedOrder();
    await STRIPE_SIDE[stripeSide](spec.stripe, paymentIntentId);

    const outcome = await deliver(handler(), request(orderId));

    expect(outcome.kind).toBe('poison');
    expect('message' in outcome && outcome.message).toMatch(/^Stripe refused the request/);
    await spec.expectUntouched(orderId, 'AUTHORIZED');
  });
}
