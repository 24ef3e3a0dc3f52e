import { Inject, Injectable } from '@nestjs/common';
import type { Envelope, StockReservationRequested } from '@conveyor/contracts';
import { Failpoints } from '@conveyor/config';
import { TransactionalMessaging, type MessagingTransaction } from '@conveyor/inbox';
import { StockStore } from '../stock.store';

/**
 * Reserves every line of an order or none. The SKU rows are locked first, so the check and the
 * decrement see the same numbers and no interleaving can oversell.
 */
@Injectable()
export class ReserveStockHandler {
  constructor(
    private readonly messaging: TransactionalMessaging,
    @Inject(Failpoints) private readonly failpoints: Failpoints,
  ) {}

  async handle(envelope: Envelope<'inventory.reservation-requested', StockReservationRequested>) {
    const orderId = envelope.orderId!;
    await this.messaging.runOnce(envelope, async (tx) => {
      const [existing] = await tx.manager.query<unknown[]>(
        `SELECT 1 FROM inventory.reservations WHERE order_id = $1`,
        [orderId],
      );
      if (existing) return;
      const { items, shippingAddress } = envelope.payload;
      const available = await StockStore.lock(tx.manager, items.map((item) => item.sku));
      const short = items.filter((item) => (available.get(item.sku) ?? 0) < item.quantity);
      if (short.length > 0) {
        await this.reject(tx, orderId, envelope.payload, short.map((item) => item.sku));
        return;
      }
      const levels = await StockStore.move(tx.manager, items, 'available', 'reserved');
      await this.record(tx, orderId, 'RESERVED', envelope.payload);
      this.failpoints.hit('inventory-reserve:before-commit');
      await tx.emit('order.stock-reserved', orderId, {});
      await tx.emit('shipping.shipment-requested', orderId, { items, shippingAddress });
      await tx.emit('inventory.stock-levels-changed', null, { levels });
    });
    this.failpoints.hit('inventory-reserve:after-commit-before-delete');
  }

  private async reject(
    tx: MessagingTransaction,
    orderId: string,
    payload: StockReservationRequested,
    skus: string[],
  ): Promise<void> {
    await this.record(tx, orderId, 'REJECTED', payload);
    await tx.emit('order.out-of-stock', orderId, { skus });
    await tx.emit('payment.void-requested', orderId, { reason: 'OUT_OF_STOCK' });
  }

  private async record(
    tx: MessagingTransaction,
    orderId: string,
    status: 'RESERVED' | 'REJECTED',
    payload: StockReservationRequested,
  ): Promise<void> {
    await tx.manager.query(
      `INSERT INTO inventory.reservations (order_id, status, items) VALUES ($1, $2, $3)`,
      [orderId, status, JSON.stringify(payload.items)],
    );
  }
}
