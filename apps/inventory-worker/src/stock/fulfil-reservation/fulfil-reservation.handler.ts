import { Injectable } from '@nestjs/common';
import type { OrderLine } from '@conveyor/contracts';
import { PoisonMessageError, type ConsumedMessage, type MessageHandler } from '@conveyor/messaging';
import { InventoryMessaging } from '../../inventory.messaging';
import { StockStore } from '../stock.store';

type Fulfilled = 'inventory.reservation-fulfilled';

/** The shipment left: the order's reserved units become shipped units. */
@Injectable()
export class FulfilReservationHandler implements MessageHandler<Fulfilled> {
  constructor(private readonly messaging: InventoryMessaging) {}

  async handle({ envelope }: ConsumedMessage<Fulfilled>): Promise<void> {
    const { orderId } = envelope;
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
