import { deliver, envelopeOf, newOrderId } from '@conveyor/testing';
import { reservationRequest, uncoveredMove, useInventorySpec } from '../inventory-spec.fixture';
import { ReserveStockHandler } from '../reserve-stock/reserve-stock.handler';
import { ReleaseStockHandler } from './release-stock.handler';

describe('ReleaseStockHandler (real PostgreSQL)', () => {
  const spec = useInventorySpec();
  const handler = () => new ReleaseStockHandler(spec.messaging);
  const release = (orderId: string) => envelopeOf('inventory.release-requested', orderId, {});
  const lines = [{ sku: 'MUG', quantity: 2 }];

  /** An order holding 2 reserved MUGs, of which `reservedLeft` are still in the column. */
  const reservedOrder = (reservedLeft = 2) =>
    spec.seedReservedOrder({ MUG: [3, reservedLeft] }, lines);

  it('gives a reserved order its units back and announces the new level', async () => {
    const orderId = await reservedOrder();

    expect(await deliver(handler(), release(orderId))).toEqual({ kind: 'done' });

    expect(await spec.stockOf('MUG')).toEqual({ available: 5, reserved: 0, shipped: 0 });
    expect(await spec.reservationOf(orderId)).toEqual({ status: 'RELEASED', items: lines });
    expect(await spec.outbox()).toEqual([
      {
        type: 'order.stock-levels-changed',
        orderId: null,
        payload: { levels: [{ sku: 'MUG', available: 5 }] },
      },
    ]);
  });

  it('releases once when the same message is delivered twice', async () => {
    const orderId = await reservedOrder();

    await spec.deliverTwice(handler(), release(orderId));

    expect(await spec.stockOf('MUG')).toEqual({ available: 5, reserved: 0, shipped: 0 });
    expect(await spec.outbox()).toHaveLength(1);
  });

  it('leaves a RELEASED tombstone when it comes first, so the late reservation reserves nothing', async () => {
    const orderId = newOrderId();
    await spec.seedStock({ MUG: [5] });

    await deliver(handler(), release(orderId));
    expect(await spec.reservationOf(orderId)).toEqual({ status: 'RELEASED', items: [] });
    const reserve = new ReserveStockHandler(spec.messaging, spec.failpoints);
    await deliver(reserve, reservationRequest(orderId, lines));

    expect(await spec.stockOf('MUG')).toEqual({ available: 5, reserved: 0, shipped: 0 });
    expect(await spec.reservationOf(orderId)).toEqual({ status: 'RELEASED', items: [] });
    expect(await spec.outbox()).toEqual([]);
  });

  it('does nothing for an order whose reservation was rejected', async () => {
    const orderId = newOrderId();
    await spec.seedStock({ MUG: [1] });
    await spec.seedReservation(orderId, 'REJECTED', lines);

    expect(await deliver(handler(), release(orderId))).toEqual({ kind: 'done' });

    expect(await spec.stockOf('MUG')).toEqual({ available: 1, reserved: 0, shipped: 0 });
    expect(await spec.reservationOf(orderId)).toEqual({ status: 'REJECTED', items: lines });
    expect(await spec.outbox()).toEqual([]);
  });

  it('dead-letters a release after fulfilment: shipped units cannot come back', async () => {
    const orderId = newOrderId();
    await spec.seedStock({ MUG: [3, 0, 2] });
    await spec.seedReservation(orderId, 'FULFILLED', lines);

    expect(await deliver(handler(), release(orderId))).toEqual({
      kind: 'poison',
      message: `order ${orderId} already shipped; its stock cannot be released`,
    });

    expect(await spec.stockOf('MUG')).toEqual({ available: 3, reserved: 0, shipped: 2 });
    await spec.expectUntouched(orderId, 'FULFILLED');
  });

  it('fails transiently, with nothing released, when the reserved units are not there', async () => {
    const orderId = await reservedOrder(1);

    expect(await deliver(handler(), release(orderId))).toEqual(uncoveredMove('MUG', 2));

    expect(await spec.stockOf('MUG')).toEqual({ available: 3, reserved: 1, shipped: 0 });
    await spec.expectUntouched(orderId, 'RESERVED');
  });
});
