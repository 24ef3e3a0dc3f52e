import { deliver, newOrderId, resent } from '@conveyor/testing';
import {
  CANCELLED_TOMBSTONE,
  cancellationRequest,
  useShippingSpec,
} from '../shipping-spec.fixture';
import { CancelShipmentHandler } from './cancel-shipment.handler';

describe('CancelShipmentHandler (real PostgreSQL)', () => {
  const spec = useShippingSpec();
  const handler = () => new CancelShipmentHandler(spec.messaging);

  /** What a cancellation announces: the order is cancelled, payment and stock compensate. */
  const cancelledAnnouncement = (orderId: string) => [
    { type: 'inventory.release-requested', orderId, payload: {} },
    { type: 'order.cancelled', orderId, payload: { reason: 'cancelled by the customer' } },
    { type: 'payment.void-requested', orderId, payload: { reason: 'CANCELLED' } },
  ];

  it('cancels an order without a shipment: a CANCELLED tombstone, void and release requested', async () => {
    const orderId = newOrderId();

    expect(await deliver(handler(), cancellationRequest(orderId))).toEqual({ kind: 'done' });

    expect(await spec.shipmentOf(orderId)).toEqual(CANCELLED_TOMBSTONE);
    expect(await spec.outbox()).toEqual(cancelledAnnouncement(orderId));
  });

  it('says in the order event why: the customer, or Stripe canceling the authorization', async () => {
    const byCustomer = newOrderId();
    const byStripe = newOrderId();

    await deliver(handler(), cancellationRequest(byCustomer, 'CUSTOMER_REQUEST'));
    await deliver(handler(), cancellationRequest(byStripe, 'PAYMENT_AUTHORIZATION_CANCELED'));

    const reasons = (await spec.outbox())
      .filter((message) => message.type === 'order.cancelled')
      .map(({ orderId, payload }) => [orderId, payload]);
    expect(reasons).toEqual(
      expect.arrayContaining([
        [byCustomer, { reason: 'cancelled by the customer' }],
        [byStripe, { reason: 'cancelled: the payment authorization was canceled at Stripe' }],
      ]),
    );
  });

  it('cancels once when the same message is delivered twice', async () => {
    const envelope = cancellationRequest(newOrderId());

    await spec.deliverTwice(handler(), envelope);

    expect(await spec.shipmentOf(envelope.orderId)).toEqual(CANCELLED_TOMBSTONE);
    expect(await spec.outbox()).toEqual(cancelledAnnouncement(envelope.orderId));
  });

  it('re-announces the cancellation to a re-sent request, so a lost event heals', async () => {
    const envelope = cancellationRequest(newOrderId());
    await deliver(handler(), envelope);
    await spec.drainOutbox();

    expect(await deliver(handler(), resent(envelope))).toEqual({ kind: 'done' });

    expect(await spec.rows('shipping.shipments')).toHaveLength(1);
    expect(await spec.outbox()).toEqual(cancelledAnnouncement(envelope.orderId));
  });

  it('refuses to cancel a shipped order: the shipment stays and the refusal is announced', async () => {
    const orderId = newOrderId();
    await spec.seedShipment(orderId, 'CP-SHIPPED-1');

    expect(await deliver(handler(), cancellationRequest(orderId))).toEqual({ kind: 'done' });

    expect(await spec.shipmentOf(orderId)).toMatchObject({
      status: 'CREATED',
      trackingNumber: 'CP-SHIPPED-1',
    });
    expect(await spec.outbox()).toEqual([
      {
        type: 'order.cancellation-rejected',
        orderId,
        payload: { reason: 'the shipment was already created' },
      },
    ]);
  });

  it('fails transiently, with nothing decided, when the database connection drops', async () => {
    const envelope = cancellationRequest(newOrderId());

    expect(await spec.whileConnectionDrops(handler(), envelope)).toMatchObject({
      kind: 'transient',
    });

    expect(await spec.shipmentOf(envelope.orderId)).toBeUndefined();
    await spec.expectNothingCommitted();
  });
});
