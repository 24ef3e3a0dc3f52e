import type { Pool } from 'pg';
import type { BareHandler } from './bare-consumer.loop';
import type { BareOutbox } from './bare-outbox.relay';
import { bareTransaction, consumerOf, type BareEnvelope } from './bare.transaction';

const SUCCESS_PATH = ['PENDING', 'PAYMENT_AUTHORIZED', 'INVENTORY_RESERVED', 'SHIPPED'];
const TARGET: Record<string, string> = {
  'order.payment-authorized': 'PAYMENT_AUTHORIZED',
  'order.stock-reserved': 'INVENTORY_RESERVED',
  'order.shipped': 'SHIPPED',
};

/**
 * The order API's event consumer by hand: lock the order (with its items, as the repository
 * loads it), move it forward along the success path and append to its timeline; stock events
 * refresh the catalog's availability unless a newer level is already there.
 */
export function bareOrderEventHandlers(
  pool: Pool,
  outbox: BareOutbox,
): Record<string, BareHandler> {
  const move: BareHandler = (envelope) => transition(pool, outbox, envelope);
  return {
    'order.payment-authorized': move,
    'order.stock-reserved': move,
    'order.shipped': move,
    'order.stock-levels-changed': (envelope) => refreshAvailability(pool, outbox, envelope),
  };
}

function transition(pool: Pool, outbox: BareOutbox, envelope: BareEnvelope) {
  return bareTransaction(pool, outbox, consumerOf('orders', envelope), async ({ client }) => {
    const { rows } = await client.query<{ status: string; timeline: unknown[] }>(
      `SELECT o.*, i.sku, i.name, i.quantity, i.unit_price_cents FROM orders.orders o
       LEFT JOIN orders.order_items i ON i.order_id = o.id WHERE o.id = $1 FOR UPDATE OF o`,
      [envelope.orderId],
    );
    if (rows.length === 0) throw new Error(`order ${envelope.orderId} does not exist`);
    const target = TARGET[envelope.type];
    if (SUCCESS_PATH.indexOf(rows[0].status) >= SUCCESS_PATH.indexOf(target)) return;
    const at = envelope.occurredAt;
    const shipment = (envelope.payload as { shipment?: unknown }).shipment ?? null;
    await client.query(
      `UPDATE orders.orders SET status = $2, shipment = COALESCE($3, shipment), timeline = $4,
         updated_at = $5 WHERE id = $1`,
      [
        envelope.orderId,
        target,
        shipment && JSON.stringify(shipment),
        JSON.stringify([...rows[0].timeline, { status: target, at }]),
        at,
      ],
    );
  });
}

function refreshAvailability(pool: Pool, outbox: BareOutbox, envelope: BareEnvelope) {
  return bareTransaction(pool, outbox, consumerOf('orders', envelope), async ({ client }) => {
    const levels = envelope.payload.levels as { sku: string; available: number }[];
    for (const level of levels) {
      await client.query(
        `UPDATE orders.products SET available = $2, updated_at = $3 WHERE sku = $1 AND updated_at < $3`,
        [level.sku, level.available, envelope.occurredAt],
      );
    }
  });
}
