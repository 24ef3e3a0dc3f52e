import { deliver, newOrderId, resent } from '@conveyor/testing';
import {
  authorizationRequest,
  authorizeHandler,
  usePaymentSpec,
  voidRequest,
} from '../payment-spec.fixture';
import { itClassifiesStripeFailures } from '../stripe-failure-spec.fixture';
import { VoidPaymentHandler } from './void-payment.handler';

const CANCEL = 'POST /v1/payment_intents/:id/cancel';

describe('VoidPaymentHandler (real PostgreSQL, Stripe emulator)', () => {
  const spec = usePaymentSpec();
  const handler = () => new VoidPaymentHandler(spec.messaging, spec.gateway);

  it('cancels the authorization at Stripe and records VOIDED with the reason', async () => {
    const { orderId, paymentIntentId } = await spec.seedAuthorizedOrder();

    expect(await deliver(handler(), voidRequest(orderId, 'OUT_OF_STOCK'))).toEqual({
      kind: 'done',
    });

    expect(await spec.intents()).toEqual([
      expect.objectContaining({
        id: paymentIntentId,
        status: 'canceled',
        cancellation: expect.objectContaining({ reason: 'abandoned' }),
      }),
    ]);
    expect(await spec.paymentOf(orderId)).toMatchObject({
      status: 'VOIDED',
      paymentIntentId,
      failureReason: 'OUT_OF_STOCK',
    });
    expect(await spec.outbox()).toEqual([]);
  });

  it('voids once, whether the message comes again or is re-sent', async () => {
    const { orderId } = await spec.seedAuthorizedOrder();
    const envelope = voidRequest(orderId);

    await spec.deliverTwice(handler(), envelope);
    expect(await deliver(handler(), resent(envelope))).toEqual({ kind: 'done' });

    expect(await spec.stripeCalls(CANCEL)).toBe(1);
    expect(await spec.paymentOf(orderId)).toMatchObject({ status: 'VOIDED' });
  });

  it('leaves a VOIDED tombstone when it comes first, so the late authorization charges nothing', async () => {
    const orderId = newOrderId();

    await deliver(handler(), voidRequest(orderId));
    expect(await spec.paymentOf(orderId)).toEqual({
      status: 'VOIDED',
      paymentIntentId: null,
      amountCents: 0,
      failureReason: 'CANCELLED',
    });
    await deliver(authorizeHandler(spec), authorizationRequest(orderId));

    expect(await spec.intents()).toEqual([]);
    await spec.expectCancelledUncharged(orderId);
  });

  it('leaves a declined payment as it is', async () => {
    const orderId = await spec.seedDeclinedOrder();

    expect(await deliver(handler(), voidRequest(orderId))).toEqual({ kind: 'done' });

    expect(await spec.paymentOf(orderId)).toMatchObject({ status: 'DECLINED' });
    expect(await spec.stripeCalls(CANCEL)).toBe(0);
  });

  it('dead-letters the void of a captured payment, and Stripe is not asked', async () => {
    const { orderId } = await spec.seedAuthorizedOrder();
    await spec.dataSource.query(`UPDATE payments.payments SET status = 'CAPTURED'`);

    expect(await deliver(handler(), voidRequest(orderId))).toEqual({
      kind: 'poison',
      message: `payment of order ${orderId} is captured; it cannot be voided`,
    });

    expect(await spec.stripeCalls(CANCEL)).toBe(0);
    await spec.expectUntouched(orderId, 'CAPTURED');
  });

  itClassifiesStripeFailures(spec, handler, voidRequest, 'VOIDED', 'captured');
});
