import type { Pool, PoolClient } from 'pg';
import type { BareHandler } from './bare-consumer.loop';
import type { BareOutbox } from './bare-outbox.relay';
import { bareTransaction, consumerOf, type BareEnvelope } from './bare.transaction';

interface Line {
  sku: string;
  quantity: number;
}

/**
 * The inventory worker's success path by hand: reserve every line under the SKU rows' locks and
 * announce it (stock levels, order event, shipment request); on fulfilment move the reserved
 * units to shipped.
 */
export function bareInventoryHandlers(pool: Pool, outbox: BareOutbox): Record<string, BareHandler> {
  return {
    'inventory.reservation-requested': (envelope) => reserve(pool, outbox, envelope),
    'inventory.reservation-fulfilled': (envelope) => fulfil(pool, outbox, envelope),
  };
}

function reserve(pool: Pool, outbox: BareOutbox, envelope: BareEnvelope) {
  const orderId = envelope.orderId!;
  return bareTransaction(
    pool,
    outbox,
    consumerOf('inventory', envelope),
    async ({ client, emit }) => {
      // The reservation's primary key answers "already reserved?": no look-up before it.
      const items = envelope.payload.items as Line[];
      const { rowCount } = await client.query(
        `INSERT INTO inventory.reservations (order_id, status, items) VALUES ($1, 'RESERVED', $2)
         ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
        [orderId, JSON.stringify(items)],
      );
      if (!rowCount) return;
      const { rows } = await client.query<{ sku: string; available: number }>(
        `SELECT sku, available FROM inventory.stock WHERE sku = ANY($1) ORDER BY sku FOR UPDATE`,
        [items.map((item) => item.sku)],
      );
      const available = new Map(rows.map((row) => [row.sku, row.available]));
      if (items.some((item) => (available.get(item.sku) ?? 0) < item.quantity)) {
        throw new Error(`the benchmark's stock ran out for order ${orderId}`);
      }
      const levels = await reserveLines(client, items);
      emit('order.stock-levels-changed', null, { levels });
      emit('order.stock-reserved', orderId, {});
      emit('shipping.shipment-requested', orderId, {
        items,
        shippingAddress: envelope.payload.shippingAddress,
      });
    },
  );
}

function fulfil(pool: Pool, outbox: BareOutbox, envelope: BareEnvelope) {
  const orderId = envelope.orderId!;
  return bareTransaction(pool, outbox, consumerOf('inventory', envelope), async ({ client }) => {
    const { rows } = await client.query<{ status: string; items: Line[] }>(
      `SELECT status, items FROM inventory.reservations WHERE order_id = $1 FOR UPDATE`,
      [orderId],
    );
    if (rows[0]?.status === 'FULFILLED') return;
    if (rows[0]?.status !== 'RESERVED') throw new Error(`no reservation for ${orderId}`);
    await move(client, rows[0].items, 'reserved', 'shipped');
    await client.query(
      `UPDATE inventory.reservations SET status = 'FULFILLED', updated_at = now() WHERE order_id = $1`,
      [orderId],
    );
  });
}

/**
 * Every line in one UPDATE (one round trip, not one per line); the rows are locked already, in
 * SKU order, so the UPDATE's own order cannot deadlock with another reservation.
 */
async function reserveLines(client: PoolClient, lines: Line[]) {
  const { rows } = await client.query<{ sku: string; available: number }>(
    `UPDATE inventory.stock s SET available = s.available - l.quantity,
       reserved = s.reserved + l.quantity, updated_at = now()
     FROM unnest($1::text[], $2::integer[]) AS l(sku, quantity)
     WHERE s.sku = l.sku AND s.available >= l.quantity RETURNING s.sku, s.available`,
    [lines.map((line) => line.sku), lines.map((line) => line.quantity)],
  );
  if (rows.length !== lines.length) throw new Error('the stock cannot cover the reservation');
  return rows.sort((a, b) => a.sku.localeCompare(b.sku));
}

async function move(client: PoolClient, lines: Line[], from: string, to: string) {
  const levels: { sku: string; available: number }[] = [];
  for (const line of [...lines].sort((a, b) => a.sku.localeCompare(b.sku))) {
    const { rows } = await client.query<{ sku: string; available: number }>(
      `UPDATE inventory.stock SET ${from} = ${from} - $2, ${to} = ${to} + $2, updated_at = now()
       WHERE sku = $1 AND ${from} >= $2 RETURNING sku, available`,
      [line.sku, line.quantity],
    );
    if (rows.length !== 1) throw new Error(`stock of ${line.sku} cannot cover ${line.quantity}`);
    levels.push(rows[0]);
  }
  return levels;
}
