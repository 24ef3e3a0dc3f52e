import { Injectable } from '@nestjs/common';
import type { Envelope, OrderLine, ReservationFulfilled } from '@conveyor/contracts';
import { TransactionalMessaging } from '@conveyor/transactional-messaging';
import { PoisonMessageError } from '@conveyor/messaging';
import { StockStore } from '../stock.store';

/** The shipment left: the order's reserved units become shipped units. */
@Injectable()
export class FulfillReservationHandler {
  constructor(private readonly messaging: TransactionalMessaging) {}

  async handle(envelope: Envelope<'inventory.reservation-fulfilled', ReservationFulfilled>) {
    const orderId = envelope.orderId!;
    await this.messaging.runOnce(envelope, async ({ manager }) => {
      const [reservation] = await manager.query<{ status: string; items: OrderLine[] }[]>(
        `SELECT status, items FROM inventory.reservations WHERE order_id = $1 FOR UPDATE`,
        [orderId],
      );
      if (reservation?.status === 'FULFILLED') return;
      if (reservation?.status !== 'RESERVED') {
        throw new PoisonMessageError(`order ${orderId} has no reservation to fulfil`);
      }
      await StockStore.move(manager, reservation.items, 'reserved', 'shipped');
      await manager.query(
        `UPDATE inventory.reservations SET status = 'FULFILLED', updated_at = now() WHERE order_id = $1`,
        [orderId],
      );
    });
  }
}
