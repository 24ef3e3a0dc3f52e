import {
  SPEC_SHIPPING_ADDRESS,
  deliver,
  newOrderId,
  resent,
  sealedAddressFor,
} from '@conveyor/testing';
import { reservationRequest, useInventorySpec } from '../inventory-spec.fixture';
import { ReserveStockHandler } from './reserve-stock.handler';

describe('ReserveStockHandler (real PostgreSQL)', () => {
  const spec = useInventorySpec();
  const handler = () => new ReserveStockHandler(spec.messaging, spec.failpoints);
  const lines = [
    { sku: 'MUG', quantity: 2 },
    { sku: 'TEE', quantity: 1 },
  ];

  /**
   * What a RESERVED decision announces: stock reserved, and the shipment requested, with the
   * address sealed for the shipping worker passed on exactly as it came (never opened here).
   */
  const reservedAnnouncement = (orderId: string) => [
    { type: 'order.stock-reserved', orderId, payload: {} },
    {
      type: 'shipping.shipment-requested',
      orderId,
      payload: { items: lines, shippingAddress: sealedAddressFor(orderId, SPEC_SHIPPING_ADDRESS) },
    },
  ];

  /** What a REJECTED decision announces: out of stock, and the authorization voided. */
  const rejectedAnnouncement = (orderId: string, skus: string[]) => [
    { type: 'order.out-of-stock', orderId, payload: { skus } },
    { type: 'payment.void-requested', orderId, payload: { reason: 'OUT_OF_STOCK' } },
  ];

  it('reserves every line, records RESERVED and requests the shipment', async () => {
    await spec.seedStock({ MUG: [5], TEE: [1] });
    const orderId = newOrderId();

    expect(await deliver(handler(), reservationRequest(orderId, lines))).toEqual({ kind: 'done' });

    expect(await spec.stockOf('MUG')).toEqual({ available: 3, reserved: 2, shipped: 0 });
    expect(await spec.stockOf('TEE')).toEqual({ available: 0, reserved: 1, shipped: 0 });
    expect(await spec.reservationOf(orderId)).toEqual({ status: 'RESERVED', items: lines });
    const levels = [
      { sku: 'MUG', available: 3 },
      { sku: 'TEE', available: 0 },
    ];
    expect(await spec.outbox()).toEqual([
      { type: 'order.stock-levels-changed', orderId: null, payload: { levels } },
      ...reservedAnnouncement(orderId),
    ]);
  });

  it('counts a SKU named on two lines once, with both quantities, and refuses what they exceed', async () => {
    await spec.seedStock({ MUG: [3] });
    const orderId = newOrderId();
    const twice = [
      { sku: 'MUG', quantity: 2 },
      { sku: 'MUG', quantity: 2 },
    ];

    expect(await deliver(handler(), reservationRequest(orderId, twice))).toEqual({ kind: 'done' });

    expect(await spec.stockOf('MUG')).toEqual({ available: 3, reserved: 0, shipped: 0 });
    expect(await spec.reservationOf(orderId)).toEqual({
      status: 'REJECTED',
      items: [{ sku: 'MUG', quantity: 4 }],
    });
  });

  it('reserves nothing when a line is short, and records REJECTED with the short lines', async () => {
    await spec.seedStock({ MUG: [5], TEE: [0] });
    const orderId = newOrderId();
    const ghost = { sku: 'GHOST', quantity: 1 };

    await deliver(handler(), reservationRequest(orderId, [...lines, ghost]));

    expect(await spec.stockOf('MUG')).toEqual({ available: 5, reserved: 0, shipped: 0 });
    expect(await spec.reservationOf(orderId)).toEqual({
      status: 'REJECTED',
      items: [{ sku: 'TEE', quantity: 1 }, ghost],
    });
    expect(await spec.outbox()).toEqual(rejectedAnnouncement(orderId, ['TEE', 'GHOST']));
  });

  it('reserves once when the same message is delivered twice', async () => {
    await spec.seedStock({ MUG: [5], TEE: [3] });

    await spec.deliverTwice(handler(), reservationRequest(newOrderId(), lines));

    expect(await spec.stockOf('MUG')).toEqual({ available: 3, reserved: 2, shipped: 0 });
    expect(await spec.outbox()).toHaveLength(3);
  });

  it('re-announces RESERVED to a re-sent request without reserving again', async () => {
    await spec.seedStock({ MUG: [5], TEE: [3] });
    const envelope = reservationRequest(newOrderId(), lines);
    await deliver(handler(), envelope);
    await spec.drainOutbox();

    await deliver(handler(), resent(envelope));

    expect(await spec.stockOf('MUG')).toEqual({ available: 3, reserved: 2, shipped: 0 });
    expect(await spec.outbox()).toEqual(reservedAnnouncement(envelope.orderId));
  });

  it('re-announces the same REJECTED SKUs even after a restock could cover them', async () => {
    await spec.seedStock({ MUG: [5], TEE: [0] });
    const envelope = reservationRequest(newOrderId(), lines);
    await deliver(handler(), envelope);
    await spec.dataSource.query(`UPDATE inventory.stock SET available = 10`);
    await spec.drainOutbox();

    await deliver(handler(), resent(envelope));

    expect(await spec.stockOf('TEE')).toEqual({ available: 10, reserved: 0, shipped: 0 });
    expect(await spec.reservationOf(envelope.orderId)).toMatchObject({ status: 'REJECTED' });
    expect(await spec.outbox()).toEqual(rejectedAnnouncement(envelope.orderId, ['TEE']));
  });

  it('re-announces a FULFILLED reservation as reserved, so the shipment is requested again', async () => {
    const orderId = newOrderId();
    await spec.seedStock({ MUG: [3, 0, 2], TEE: [0, 0, 1] });
    await spec.seedReservation(orderId, 'FULFILLED', lines);

    await deliver(handler(), reservationRequest(orderId, lines));

    expect(await spec.stockOf('MUG')).toEqual({ available: 3, reserved: 0, shipped: 2 });
    expect(await spec.outbox()).toEqual(reservedAnnouncement(orderId));
  });

  it('reserves and announces nothing for an order whose release came first', async () => {
    const orderId = newOrderId();
    await spec.seedStock({ MUG: [5], TEE: [3] });
    await spec.seedReservation(orderId, 'RELEASED', []);

    expect(await deliver(handler(), reservationRequest(orderId, lines))).toEqual({ kind: 'done' });

    expect(await spec.stockOf('MUG')).toEqual({ available: 5, reserved: 0, shipped: 0 });
    expect(await spec.reservationOf(orderId)).toEqual({ status: 'RELEASED', items: [] });
    expect(await spec.outbox()).toEqual([]);
  });

  it('fails transiently, with nothing reserved, when the database connection drops', async () => {
    await spec.seedStock({ MUG: [5], TEE: [3] });
    const envelope = reservationRequest(newOrderId(), lines);

    expect(await spec.whileConnectionDrops(handler(), envelope)).toMatchObject({
      kind: 'transient',
    });

    expect(await spec.stockOf('MUG')).toEqual({ available: 5, reserved: 0, shipped: 0 });
    expect(await spec.reservationOf(envelope.orderId)).toBeUndefined();
    await spec.expectNothingCommitted();
  });
});
