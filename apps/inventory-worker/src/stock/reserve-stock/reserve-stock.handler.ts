import { Inject, Injectable } from '@nestjs/common';
import type { EnvelopeOf, OrderLine } from '@conveyor/contracts';
import { Failpoints } from '@conveyor/config';
import type { ConsumedMessage, MessageHandler } from '@conveyor/messaging';
import type { MessagingTransaction } from '@conveyor/transactional-messaging';
import { InventoryMessaging } from '../../inventory.messaging';
import { StockStore } from '../stock.store';

type Reserve = 'inventory.reservation-requested';
type Transaction = MessagingTransaction<'inventory-worker'>;
type ReservationStatus = 'RESERVED' | 'REJECTED' | 'RELEASED' | 'FULFILLED';

/**
 * Reserves every line of an order or none. The SKU rows are locked first, so the check and the
 * decrement see the same numbers and no interleaving can oversell.
 */
@Injectable()
export class ReserveStockHandler implements MessageHandler<Reserve> {
  constructor(
    private readonly messaging: InventoryMessaging,
    @Inject(Failpoints) private readonly failpoints: Failpoints,
  ) {}

  async handle({ envelope }: ConsumedMessage<Reserve>): Promise<void> {
    const { orderId } = envelope;
    await this.messaging.runOnce(envelope, async (tx) => {
      const [existing] = await tx.manager.query<
        { status: ReservationStatus; items: OrderLine[] }[]
      >(`SELECT status, items FROM inventory.reservations WHERE order_id = $1`, [orderId]);
      // Already decided (the reconciler re-sent the request): re-announce, never decide twice.
      if (existing) return announce(tx, envelope, existing.status, existing.items);
      const items = StockStore.combine(envelope.payload.items);
      const available = await StockStore.lock(
        tx.manager,
        items.map((item) => item.sku),
      );
      const short = items.filter((item) => (available.get(item.sku) ?? 0) < item.quantity);
      if (short.length > 0) {
        await record(tx, orderId, 'REJECTED', short);
        return announce(tx, envelope, 'REJECTED', short);
      }
      const levels = await StockStore.move(tx.manager, items, 'available', 'reserved');
      await record(tx, orderId, 'RESERVED', items);
      this.failpoints.hit('inventory-reserve:before-commit', envelope.correlationId);
      await tx.emit('order.stock-levels-changed', null, { levels });
      return announce(tx, envelope, 'RESERVED', items);
    });
    this.failpoints.hit('inventory-reserve:after-commit-before-delete', envelope.correlationId);
  }
}

/** What each decision tells the others. A RELEASED order was cancelled: nothing to announce. */
async function announce(
  tx: Transaction,
  envelope: EnvelopeOf<Reserve>,
  status: ReservationStatus,
  lines: OrderLine[],
) {
  const { orderId } = envelope;
  if (status === 'REJECTED') {
    await tx.emit('order.out-of-stock', orderId, { skus: lines.map((line) => line.sku) });
    await tx.emit('payment.void-requested', orderId, { reason: 'OUT_OF_STOCK' });
  } else if (status === 'RESERVED' || status === 'FULFILLED') {
    await tx.emit('order.stock-reserved', orderId, {});
    await tx.emit('shipping.shipment-requested', orderId, {
      items: envelope.payload.items,
      shippingAddress: envelope.payload.shippingAddress,
    });
  }
}

/** REJECTED rows keep the lines that were short, so a re-announcement names the same SKUs. */
async function record(
  tx: Transaction,
  orderId: string,
  status: ReservationStatus,
  lines: OrderLine[],
) {
  await tx.manager.query(
    `INSERT INTO inventory.reservations (order_id, status, items) VALUES ($1, $2, $3)`,
    [orderId, status, JSON.stringify(lines)],
  );
}
