import { messageFlows, queuesSentToBy } from './message-flows';

describe('messageFlows', () => {
  it('derives every producer → queue → consumer edge with the types it carries', () => {
    const edges = messageFlows().map(
      ({ producer, queue, consumer, types }) =>
        `${producer} → ${queue} → ${consumer}: ${types.join(', ')}`,
    );
    expect(edges).toEqual([
      'inventory-worker → order-events → order-api: order.stock-reserved, order.out-of-stock, order.stock-levels-changed',
      'inventory-worker → payments → payment-worker: payment.void-requested',
      'inventory-worker → shipping → shipping-worker: shipping.shipment-requested',
      'order-api → inventory → inventory-worker: inventory.restock-requested',
      'order-api → payments → payment-worker: payment.authorization-requested, payment.stripe-event-received',
      'order-api → shipping → shipping-worker: shipping.cancellation-requested',
      'payment-worker → inventory → inventory-worker: inventory.reservation-requested',
      'payment-worker → order-events → order-api: order.payment-authorized, order.payment-failed, order.payment-authorization-canceled, order.shipped',
      'shipping-worker → inventory → inventory-worker: inventory.release-requested, inventory.reservation-fulfilled',
      'shipping-worker → order-events → order-api: order.cancelled, order.cancellation-rejected',
      'shipping-worker → payments → payment-worker: payment.capture-requested, payment.void-requested',
    ]);
  });

  it('lists the queues an app sends to', () => {
    expect(queuesSentToBy('order-api')).toEqual(['inventory', 'payments', 'shipping']);
    expect(queuesSentToBy('payment-worker')).toEqual(['inventory', 'order-events']);
  });
});
