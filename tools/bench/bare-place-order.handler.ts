import { createHash, randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { Pool } from 'pg';
import type { BareOutbox } from './bare-outbox.relay';
import { bareTransaction } from './bare.transaction';

interface Line {
  sku: string;
  quantity: number;
}

export interface PlaceOrderBody {
  items: Line[];
  paymentMethod: string;
  shippingAddress: Record<string, string>;
}

interface PricedItem {
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
}

/**
 * `POST /orders` of the API baseline, in the order API's statements: the key and the prices are
 * looked up first, then the order, its items, the payment request (outbox) and the idempotency
 * record commit together.
 */
export async function placeOrder(
  pool: Pool,
  outbox: BareOutbox,
  reply: FastifyReply,
  request: { customerId: string; key: string; body: PlaceOrderBody },
) {
  const { customerId, key, body } = request;
  const requestHash = createHash('sha256').update(canonicalJson(body)).digest('hex');
  const { rows: previous } = await pool.query<{ response_body: unknown }>(
    `SELECT request_hash, response_status, response_body FROM orders.idempotency_keys
     WHERE customer_id = $1 AND key = $2`,
    [customerId, key],
  );
  if (previous.length > 0) return reply.status(202).send(previous[0].response_body);
  const priced = await price(pool, body.items);
  if (!priced) return reply.status(400).send({ status: 400, code: 'CATALOG.UNKNOWN_SKU' });
  const view = orderView(customerId, body, priced);
  await bareTransaction(pool, outbox, { correlationId: randomUUID() }, async ({ client, emit }) => {
    await client.query(
      `INSERT INTO orders.orders (id, customer_id, status, currency, total_cents, shipping_address,
         payment_method, shipment, failure_reason, cancellation_requested_at, timeline, created_at, updated_at)
       VALUES ($1, $2, 'PENDING', $3, $4, $5, $6, NULL, NULL, NULL, $7, $8, $8)`,
      [
        view.id,
        customerId,
        view.currency,
        view.totalCents,
        JSON.stringify(body.shippingAddress),
        body.paymentMethod,
        JSON.stringify(view.timeline),
        view.createdAt,
      ],
    );
    const values = priced.items.map(
      (_, i) => `($1, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4}, $${i * 4 + 5})`,
    );
    await client.query(
      `INSERT INTO orders.order_items (order_id, sku, name, quantity, unit_price_cents) VALUES ${values.join(', ')}`,
      [
        view.id,
        ...priced.items.flatMap((item) => [
          item.sku,
          item.name,
          item.quantity,
          item.unitPriceCents,
        ]),
      ],
    );
    await emit('payment.authorization-requested', view.id, {
      customerId,
      paymentMethod: body.paymentMethod,
      totalCents: view.totalCents,
      currency: view.currency,
      items: body.items,
      shippingAddress: body.shippingAddress,
    });
    await client.query(`SET LOCAL lock_timeout = '5s'`);
    await client.query(
      `INSERT INTO orders.idempotency_keys (customer_id, key, request_hash, response_status, response_body, order_id)
       VALUES ($1, $2, $3, 202, $4, $5)`,
      [customerId, key, requestHash, JSON.stringify(view), view.id],
    );
  });
  return reply.status(202).header('Location', `/orders/${view.id}`).send(view);
}

async function price(
  pool: Pool,
  lines: Line[],
): Promise<{ items: PricedItem[]; currency: string } | undefined> {
  const { rows } = await pool.query<{
    sku: string;
    name: string;
    price_cents: number;
    currency: string;
  }>(`SELECT sku, name, price_cents, currency FROM orders.products WHERE sku = ANY($1)`, [
    lines.map((line) => line.sku),
  ]);
  const bySku = new Map(rows.map((product) => [product.sku, product]));
  if (lines.some((line) => !bySku.has(line.sku))) return undefined;
  const items = lines.map((line) => {
    const product = bySku.get(line.sku)!;
    return {
      sku: line.sku,
      name: product.name,
      quantity: line.quantity,
      unitPriceCents: product.price_cents,
    };
  });
  return { items, currency: rows[0].currency };
}

/** The answer, as the order API shapes it; it is also what the idempotency record replays. */
function orderView(
  customerId: string,
  body: PlaceOrderBody,
  priced: { items: PricedItem[]; currency: string },
) {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    customerId,
    status: 'PENDING',
    items: priced.items.map((item) => ({
      ...item,
      lineTotalCents: item.unitPriceCents * item.quantity,
    })),
    totalCents: priced.items.reduce((sum, item) => sum + item.unitPriceCents * item.quantity, 0),
    currency: priced.currency,
    shippingAddress: body.shippingAddress,
    shipment: null,
    failureReason: null,
    timeline: [{ status: 'PENDING', at: now }],
    createdAt: now,
    updatedAt: now,
  };
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
