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
 * The order API's event consumer by hand: move the order forward along the success path and
 * append to its timeline; stock events refresh the catalog's availability unless a newer level
 * is already there.
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

/**
 * One UPDATE, guarded by the statuses before the target, instead of locking and loading the order
 * with its items and writing it back: a round trip and the items' join fewer per event. Only when
 * nothing changed (a late or repeated event) does a second look tell a missing order apart.
 */
function transition(pool: Pool, outbox: BareOutbox, envelope: BareEnvelope) {
  return bareTransaction(pool, outbox, consumerOf('orders', envelope), async ({ client }) => {
    const target = TARGET[envelope.type];
    const earlier = SUCCESS_PATH.slice(0, SUCCESS_PATH.indexOf(target));
    const shipment = (envelope.payload as { shipment?: unknown }).shipment ?? null;
    const { rowCount } = await client.query(
      `UPDATE orders.orders SET status = $2, shipment = COALESCE($3::jsonb, shipment),
         timeline = timeline || jsonb_build_array(jsonb_build_object('status', $2::text, 'at', $4::text)),
         updated_at = $4::timestamptz
       WHERE id = $1 AND status = ANY($5::text[])`,
      [
        envelope.orderId,
        target,
        shipment && JSON.stringify(shipment),
        envelope.occurredAt,
        earlier,
      ],
    );
    if (rowCount) return;
    const found = await client.query(`SELECT 1 FROM orders.orders WHERE id = $1`, [
      envelope.orderId,
    ]);
    if (!found.rowCount) throw new Error(`order ${envelope.orderId} does not exist`);
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
