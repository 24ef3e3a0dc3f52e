import { Order, type OrderState } from './order.aggregate';
import { IllegalOrderTransitionError, OrderNotCancellableError } from './order.errors';

const now = new Date('2026-11-29T10:00:00.000Z');
const later = new Date('2026-11-29T10:00:05.000Z');
const shipment = { carrier: 'CONVEYOR-POST', trackingNumber: 'CP123' };

function placeOrder(): Order {
  return Order.place(
    {
      id: '6f1c8a9e-1d2b-4c3d-8e9f-0a1b2c3d4e5f',
      customerId: 'alice',
      items: [
        { sku: 'MUG-001', name: 'Mug', quantity: 2, unitPriceCents: 1250 },
        { sku: 'TEE-001', name: 'Tee', quantity: 1, unitPriceCents: 1999 },
      ],
      currency: 'EUR',
      shippingAddress: { name: 'A', line1: 'l1', city: 'c', postalCode: 'p', country: 'DE' },
      paymentMethod: 'pm_card_visa',
    },
    now,
  );
}

function statusOf(order: Order): OrderState['status'] {
  return order.snapshot.status;
}

describe('Order', () => {
  it('starts PENDING with a timeline entry and sums integer cents', () => {
    const order = placeOrder();
    expect(statusOf(order)).toBe('PENDING');
    expect(order.totalCents).toBe(4499);
    expect(order.snapshot.timeline).toEqual([{ status: 'PENDING', at: now.toISOString() }]);
  });

  it('walks the success path and records every step', () => {
    const order = placeOrder();
    expect(order.paymentAuthorized(later)).toBe('applied');
    expect(order.stockReserved(later)).toBe('applied');
    expect(order.shipped(shipment, later)).toBe('applied');
    expect(statusOf(order)).toBe('SHIPPED');
    expect(order.snapshot.shipment).toEqual(shipment);
    expect(order.snapshot.timeline.map((entry) => entry.status)).toEqual([
      'PENDING',
      'PAYMENT_AUTHORIZED',
      'INVENTORY_RESERVED',
      'SHIPPED',
    ]);
  });

  it('treats duplicate and late success events as stale, never moving backwards', () => {
    const order = placeOrder();
    order.paymentAuthorized(later);
    order.stockReserved(later);
    expect(order.paymentAuthorized(later)).toBe('stale');
    expect(order.stockReserved(later)).toBe('stale');
    expect(statusOf(order)).toBe('INVENTORY_RESERVED');
    expect(order.snapshot.timeline).toHaveLength(3);
  });

  it('moves forward when an earlier step event arrives after a later one', () => {
    const order = placeOrder();
    expect(order.stockReserved(later)).toBe('applied');
    expect(order.paymentAuthorized(later)).toBe('stale');
    expect(statusOf(order)).toBe('INVENTORY_RESERVED');
  });

  it('records a decline with its reason', () => {
    const order = placeOrder();
    expect(order.paymentFailed('card_declined: insufficient_funds', later)).toBe('applied');
    expect(statusOf(order)).toBe('PAYMENT_FAILED');
    expect(order.snapshot.failureReason).toBe('card_declined: insufficient_funds');
    expect(order.snapshot.timeline.at(-1)).toEqual({
      status: 'PAYMENT_FAILED',
      at: later.toISOString(),
      reason: 'card_declined: insufficient_funds',
    });
  });

  it('refuses a payment failure after the payment was authorized', () => {
    const order = placeOrder();
    order.paymentAuthorized(later);
    expect(() => order.paymentFailed('late', later)).toThrow(IllegalOrderTransitionError);
  });

  it('keeps the first terminal outcome when another failure arrives later', () => {
    const order = placeOrder();
    order.cancelled('customer request', later);
    expect(order.outOfStock('MUG-001', later)).toBe('stale');
    expect(order.paymentAuthorized(later)).toBe('stale');
    expect(statusOf(order)).toBe('CANCELLED');
  });

  it('refuses to ship a failed order and to fail a shipped one', () => {
    const failed = placeOrder();
    failed.paymentFailed('declined', later);
    expect(() => failed.shipped(shipment, later)).toThrow(IllegalOrderTransitionError);

    const shipped = placeOrder();
    shipped.shipped(shipment, later);
    expect(() => shipped.cancelled('too late', later)).toThrow(IllegalOrderTransitionError);
    expect(shipped.shipped(shipment, later)).toBe('stale');
  });
});

describe('Order cancellation requests', () => {
  it('accepts a request in a cancellable status once, without changing the status', () => {
    const order = placeOrder();
    order.paymentAuthorized(later);
    expect(order.requestCancellation(later)).toBe('applied');
    expect(order.requestCancellation(later)).toBe('stale');
    expect(statusOf(order)).toBe('PAYMENT_AUTHORIZED');
    expect(order.snapshot.cancellationRequestedAt).toEqual(later);
  });

  it('refuses once the order shipped or ended', () => {
    const shipped = placeOrder();
    shipped.shipped(shipment, later);
    expect(() => shipped.requestCancellation(later)).toThrow(OrderNotCancellableError);
    const failed = placeOrder();
    failed.paymentFailed('declined', later);
    expect(() => failed.requestCancellation(later)).toThrow(OrderNotCancellableError);
  });
});

describe('Order: an authorization canceled at Stripe', () => {
  const detail = 'payment authorization canceled at Stripe (automatic)';

  it('asks for cancellation once, says why, and leaves the decision to the shipping worker', () => {
    const order = placeOrder();
    order.paymentAuthorized(now);
    expect(order.paymentAuthorizationCanceled(detail, later)).toBe('applied');
    expect(order.paymentAuthorizationCanceled(detail, later)).toBe('stale');
    expect(statusOf(order)).toBe('PAYMENT_AUTHORIZED');
    expect(order.snapshot).toMatchObject({
      cancellationRequestedAt: later,
      cancellationReason: 'PAYMENT_AUTHORIZATION_CANCELED',
    });
    expect(order.snapshot.timeline.at(-1)).toEqual({
      status: 'PAYMENT_AUTHORIZED',
      at: later.toISOString(),
      reason: detail,
    });
    expect(
      order.cancelled('cancelled: the payment authorization was canceled at Stripe', later),
    ).toBe('applied');
    expect(statusOf(order)).toBe('CANCELLED');
  });

  it("takes over a customer's pending request, keeping when it was made", () => {
    const order = placeOrder();
    order.requestCancellation(now);
    expect(order.paymentAuthorizationCanceled(detail, later)).toBe('applied');
    expect(order.snapshot.cancellationRequestedAt).toEqual(now);
    expect(order.snapshot.cancellationReason).toBe('PAYMENT_AUTHORIZATION_CANCELED');
  });

  it('changes nothing once the order ended', () => {
    for (const end of [
      (order: Order) => order.stockReserved(now) && order.shipped(shipment, now),
      (order: Order) => order.cancelled('cancelled by the customer', now),
      (order: Order) => order.outOfStock('out of stock: MUG-001', now),
    ]) {
      const order = placeOrder();
      order.paymentAuthorized(now);
      end(order);
      const before = structuredClone(order.snapshot);
      expect(order.paymentAuthorizationCanceled(detail, later)).toBe('stale');
      expect(order.snapshot).toEqual(before);
    }
  });
});
