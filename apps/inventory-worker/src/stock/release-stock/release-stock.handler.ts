import { Injectable } from '@nestjs/common';
import type { Envelope, OrderLine, StockReleaseRequested } from '@conveyor/contracts';
import { TransactionalMessaging } from '@conveyor/transactional-messaging';
import { PoisonMessageError } from '@conveyor/messaging';
import { StockStore } from '../stock.store';

/**
 * Gives a cancelled order's units back. If the reservation has not happened yet, a RELEASED row
 * takes its place, so the reservation request that arrives later reserves nothing.
 */
@Injectable()
export class ReleaseStockHandler {
  constructor(private readonly messaging: TransactionalMessaging) {}

  async handle(envelope: Envelope<'inventory.release-requested', StockReleaseRequested>) {
    const orderId = envelope.orderId!;
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
      await emit('inventory.stock-levels-changed', null, { levels });
    });
  }
}
