import { Injectable } from '@nestjs/common';
import type { OrderLine } from '@conveyor/contracts';
import { PoisonMessageError, type ConsumedMessage, type MessageHandler } from '@conveyor/messaging';
import { InventoryMessaging } from '../../inventory.messaging';
import { StockStore } from '../stock.store';

type Release = 'inventory.release-requested';

/**
 * Gives a cancelled order's units back. If the reservation has not happened yet, a RELEASED row
 * (a tombstone) takes its place, so the reservation request that arrives later reserves nothing.
 */
@Injectable()
export class ReleaseStockHandler implements MessageHandler<Release> {
  constructor(private readonly messaging: InventoryMessaging) {}

  async handle({ envelope }: ConsumedMessage<Release>): Promise<void> {
    const { orderId } = envelope;
    await this.messaging.runOnce(envelope, async ({ manager, emit }) => {
      const tombstone = await manager.query<unknown[]>(
        `INSERT INTO inventory.reservations (order_id, status, items) VALUES ($1, 'RELEASED', '[]')
         ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
        [orderId],
      );
      if (tombstone.length > 0) return;
      const [reservation] = await manager.query<{ status: string; items: OrderLine[] }[]>(
        `SELECT status, items FROM inventory.reservations WHERE order_id = $1 FOR UPDATE`,
        [orderId],
      );
      if (reservation.status === 'FULFILLED') {
        throw new PoisonMessageError(
          `order ${orderId} already shipped; its stock cannot be released`,
        );
      }
      if (reservation.status !== 'RESERVED') return;
      const levels = await StockStore.move(manager, reservation.items, 'reserved', 'available');
      await manager.query(
        `UPDATE inventory.reservations SET status = 'RELEASED', updated_at = now() WHERE order_id = $1`,
        [orderId],
      );
      await emit('order.stock-levels-changed', null, { levels });
    });
  }
}
