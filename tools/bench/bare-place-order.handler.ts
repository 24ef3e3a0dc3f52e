import { createHash, randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { Pool } from 'pg';
import type { BareOutbox, BareOutboxRow } from './bare-outbox.relay';
import type { BareLine, BarePricedItem, BarePriceList } from './bare-price.list';
import { BARE_PLACE_ORDER_SQL, barePlaceOrderValues } from './bare-place-order.sql';

export interface PlaceOrderBody {
  items: BareLine[];
  paymentMethod: string;
  shippingAddress: Record<string, string>;
}

export interface PlaceOrderDeps {
  pool: Pool;
  outbox: BareOutbox;
  prices: BarePriceList;
}

/**
 * `POST /orders` of the API baseline, as a careful hand-written service does it: prices from
 * memory, then the order, its items, the idempotency record and the payment request in one
 * statement (one round trip; the key's unique constraint says whether it is a replay), and
 * the payment request sent from memory right after the commit.
 */
export async function placeOrder(
  { pool, outbox, prices }: PlaceOrderDeps,
  reply: FastifyReply,
  request: { customerId: string; key: string; body: PlaceOrderBody },
) {
  const { customerId, key, body } = request;
  const requestHash = createHash('sha256').update(canonicalJson(body)).digest('hex');
  const priced = prices.price(body.items);
  if (!priced) return problem(reply, 400, 'CATALOG.UNKNOWN_SKU');
  const view = orderView(customerId, body, priced);
  const { items, paymentMethod, shippingAddress } = body;
  const { totalCents, currency } = view;
  const message = outbox.message(
    'payment.authorization-requested',
    view.id,
    { customerId, paymentMethod, totalCents, currency, items, shippingAddress },
    randomUUID(),
  );
  // Serialised once: the stored answer and the response body are the same bytes.
  const answer = JSON.stringify(view);
  const placed = await insertOrder(pool, { view, body, key, requestHash, answer, message });
  if (placed === 'key-in-use') return keyInUse(reply);
  if (placed === 0) return replay(pool, reply, { customerId, key, requestHash });
  outbox.afterCommit([message]);
  return reply
    .status(202)
    .header('Location', `/orders/${view.id}`)
    .type('application/json; charset=utf-8')
    .send(answer);
}

/** The one statement; 1 when the order was placed, 0 when its key was already used. */
async function insertOrder(
  pool: Pool,
  order: {
    view: OrderView;
    body: PlaceOrderBody;
    key: string;
    requestHash: string;
    answer: string;
    message: BareOutboxRow;
  },
): Promise<number | 'key-in-use'> {
  const { view, body, key, requestHash, answer, message } = order;
  const values = barePlaceOrderValues({
    ...{ orderId: view.id, customerId: view.customerId, currency: view.currency },
    ...{ totalCents: view.totalCents, shippingAddress: JSON.stringify(body.shippingAddress) },
    ...{ paymentMethod: body.paymentMethod, timeline: JSON.stringify(view.timeline) },
    createdAt: view.createdAt,
    skus: view.items.map((item) => item.sku),
    names: view.items.map((item) => item.name),
    quantities: view.items.map((item) => item.quantity),
    unitPrices: view.items.map((item) => item.unitPriceCents),
    ...{ key, requestHash, responseBody: answer },
    ...{ outboxId: message.id, outboxQueue: message.queue, outboxType: message.type },
    envelope: message.body,
  });
  try {
    // Prepared once per connection: later orders skip parsing and planning.
    const { rows } = await pool.query<{ placed: number }>({
      name: 'bare-place-order',
      text: BARE_PLACE_ORDER_SQL,
      values,
    });
    return rows[0].placed;
  } catch (error) {
    // lock_timeout (set per connection): a twin with the same key has not committed in 5 s.
    if ((error as { code?: string }).code === '55P03') return 'key-in-use';
    throw error;
  }
}

/** The key was used before (rare: a client's retry): answer as the first request was answered. */
async function replay(
  pool: Pool,
  reply: FastifyReply,
  request: { customerId: string; key: string; requestHash: string },
) {
  const { rows } = await pool.query<{
    request_hash: string;
    response_status: number;
    response_body: unknown;
  }>(
    `SELECT request_hash, response_status, response_body FROM orders.idempotency_keys
     WHERE customer_id = $1 AND key = $2`,
    [request.customerId, request.key],
  );
  if (rows.length === 0) return keyInUse(reply);
  if (rows[0].request_hash !== request.requestHash) {
    return problem(reply, 422, 'IDEMPOTENCY.KEY_REUSED');
  }
  return reply.status(rows[0].response_status).send(rows[0].response_body);
}

function keyInUse(reply: FastifyReply) {
  return problem(reply, 409, 'IDEMPOTENCY.KEY_IN_USE');
}

export function problem(reply: FastifyReply, status: number, code: string) {
  return reply.status(status).type('application/problem+json').send({ status, code });
}

type OrderView = ReturnType<typeof orderView>;

/** The answer, as the order API shapes it; it is also what the idempotency record replays. */
function orderView(
  customerId: string,
  body: PlaceOrderBody,
  priced: { items: BarePricedItem[]; currency: string },
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
