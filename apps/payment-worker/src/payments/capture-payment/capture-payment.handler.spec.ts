import { deliver, newOrderId, resent } from '@conveyor/testing';
import { SHIPMENT, TOTAL_CENTS, captureRequest, usePaymentSpec } from '../payment-spec.fixture';
import { itClassifiesStripeFailures } from '../stripe-failure-spec.fixture';
import { CapturePaymentHandler } from './capture-payment.handler';

const CAPTURE = 'POST /v1/payment_intents/:id/capture';

describe('CapturePaymentHandler (real PostgreSQL, Stripe emulator)', () => {
  const spec = usePaymentSpec();
  const handler = () => new CapturePaymentHandler(spec.messaging, spec.gateway, spec.failpoints);
  const shipped = (orderId: string) => [
    {
      type: 'order.shipped',
      orderId,
      payload: { shipment: SHIPMENT, capturedCents: TOTAL_CENTS },
    },
  ];

  it('captures the authorized amount, records CAPTURED and reports the order shipped', async () => {
    const { orderId, paymentIntentId } = await spec.seedAuthorizedOrder();

    expect(await deliver(handler(), captureRequest(orderId))).toEqual({ kind: 'done' });

    expect(await spec.intents()).toEqual([
      expect.objectContaining({
        id: paymentIntentId,
        status: 'succeeded',
        amount_received: TOTAL_CENTS,
        captureCount: 1,
      }),
    ]);
    expect(await spec.paymentOf(orderId)).toMatchObject({ status: 'CAPTURED', paymentIntentId });
    expect(await spec.outbox()).toEqual(shipped(orderId));
  });

  it('captures once when the same message is delivered twice', async () => {
    const { orderId } = await spec.seedAuthorizedOrder();

    await spec.deliverTwice(handler(), captureRequest(orderId));

    expect(await spec.stripeCalls(CAPTURE)).toBe(1);
    expect(await spec.outbox()).toHaveLength(1);
  });

  it('reports a captured order shipped again to a re-sent request, without capturing again', async () => {
    const { orderId } = await spec.seedAuthorizedOrder();
    const envelope = captureRequest(orderId);
    await deliver(handler(), envelope);
    await spec.drainOutbox();

    expect(await deliver(handler(), resent(envelope))).toEqual({ kind: 'done' });

    expect(await spec.outbox()).toEqual(shipped(orderId));
    expect(await spec.stripeCalls(CAPTURE)).toBe(1);
  });

  it('dead-letters the capture of an order without a payment', async () => {
    const orderId = newOrderId();

    expect(await deliver(handler(), captureRequest(orderId))).toEqual({
      kind: 'poison',
      message: `no authorized payment for order ${orderId}`,
    });
    await spec.expectNothingCommitted();
  });

  it('dead-letters the capture of a declined payment', async () => {
    const orderId = await spec.seedDeclinedOrder();

    expect(await deliver(handler(), captureRequest(orderId))).toMatchObject({ kind: 'poison' });

    await spec.expectUntouched(orderId, 'DECLINED');
  });

  it('dead-letters the capture of a voided payment, and Stripe is not asked', async () => {
    const { orderId } = await spec.seedAuthorizedOrder();
    await spec.dataSource.query(`UPDATE payments.payments SET status = 'VOIDED'`);

    expect(await deliver(handler(), captureRequest(orderId))).toEqual({
      kind: 'poison',
      message: `cannot capture a VOIDED payment for ${orderId}`,
    });

    expect(await spec.stripeCalls(CAPTURE)).toBe(0);
    await spec.expectUntouched(orderId, 'VOIDED');
  });

  itClassifiesStripeFailures(spec, handler, captureRequest, 'CAPTURED', 'canceled');
});
