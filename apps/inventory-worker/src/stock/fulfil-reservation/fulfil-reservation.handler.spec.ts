import { deliver, envelopeOf, newOrderId, resent } from '@conveyor/testing';
import { uncoveredMove, useInventorySpec } from '../inventory-spec.fixture';
import { FulfilReservationHandler } from './fulfil-reservation.handler';

describe('FulfilReservationHandler (real PostgreSQL)', () => {
  const spec = useInventorySpec();
  const handler = () => new FulfilReservationHandler(spec.messaging);
  const fulfilled = (orderId: string) => envelopeOf('inventory.reservation-fulfilled', orderId, {});
  const lines = [
    { sku: 'MUG', quantity: 2 },
    { sku: 'TEE', quantity: 1 },
  ];

  /** An order with 2 MUG and 1 TEE reserved; `teeReserved` below 1 makes the stock inconsistent. */
  const reservedOrder = (teeReserved = 1) =>
    spec.seedReservedOrder({ MUG: [3, 2], TEE: [0, teeReserved] }, lines);

  it('turns the reserved units into shipped units and records FULFILLED', async () => {
    const orderId = await reservedOrder();

    expect(await deliver(handler(), fulfilled(orderId))).toEqual({ kind: 'done' });

    expect(await spec.stockOf('MUG')).toEqual({ available: 3, reserved: 0, shipped: 2 });
    expect(await spec.stockOf('TEE')).toEqual({ available: 0, reserved: 0, shipped: 1 });
    expect(await spec.reservationOf(orderId)).toEqual({ status: 'FULFILLED', items: lines });
    expect(await spec.outbox()).toEqual([]);
  });

  it('ships the units once, whether the message comes again or is re-sent', async () => {
    const envelope = fulfilled(await reservedOrder());

    await spec.deliverTwice(handler(), envelope);
    expect(await deliver(handler(), resent(envelope))).toEqual({ kind: 'done' });

    expect(await spec.stockOf('MUG')).toEqual({ available: 3, reserved: 0, shipped: 2 });
    expect(await spec.reservationOf(envelope.orderId)).toMatchObject({ status: 'FULFILLED' });
  });

  it.each(['REJECTED', 'RELEASED'] as const)(
    'dead-letters the fulfilment of a %s reservation',
    async (status) => {
      const orderId = newOrderId();
      await spec.seedStock({ MUG: [3] });
      await spec.seedReservation(orderId, status, lines);

      expect(await deliver(handler(), fulfilled(orderId))).toEqual({
        kind: 'poison',
        message: `order ${orderId} has no reservation to fulfil`,
      });

      expect(await spec.stockOf('MUG')).toEqual({ available: 3, reserved: 0, shipped: 0 });
      await spec.expectUntouched(orderId, status);
    },
  );

  it('dead-letters the fulfilment of an order it never reserved', async () => {
    const orderId = newOrderId();

    expect(await deliver(handler(), fulfilled(orderId))).toMatchObject({ kind: 'poison' });

    expect(await spec.reservationOf(orderId)).toBeUndefined();
    await spec.expectNothingCommitted();
  });

  it('fails transiently, with nothing moved, when the reserved units are not there', async () => {
    const orderId = await reservedOrder(0);

    expect(await deliver(handler(), fulfilled(orderId))).toEqual(uncoveredMove('TEE', 1));

    expect(await spec.stockOf('MUG')).toEqual({ available: 3, reserved: 2, shipped: 0 });
    await spec.expectUntouched(orderId, 'RESERVED');
  });
});
