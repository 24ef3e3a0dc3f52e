/**
 * The values of BARE_PLACE_ORDER_SQL, in its parameters' order ($1, $2, …): the order, its items
 * as parallel arrays, the stored answer of its Idempotency-Key and its payment request.
 */
export const BARE_PLACE_ORDER_SLOTS = [
  'orderId',
  'customerId',
  'currency',
  'totalCents',
  'shippingAddress',
  'paymentMethod',
  'timeline',
  'createdAt',
  'skus',
  'names',
  'quantities',
  'unitPrices',
  'key',
  'requestHash',
  'responseBody',
  'outboxId',
  'outboxQueue',
  'outboxType',
  'envelope',
] as const;
export type BarePlaceOrderSlot = (typeof BARE_PLACE_ORDER_SLOTS)[number];

const $ = (slot: BarePlaceOrderSlot) => `$${BARE_PLACE_ORDER_SLOTS.indexOf(slot) + 1}`;

/**
 * An accepted order in ONE statement, so one round trip and one transaction (the old baseline
 * sent a look-up of the key, one of the prices, then BEGIN, five statements and COMMIT). It is
 * the bench's floor statement (floor-order.sql.ts) turned around: the idempotency record comes
 * first, ON CONFLICT DO NOTHING, and the order, its items and its outbox row are inserted only
 * from what that insert returned. So the key's unique constraint answers the look-up: a key
 * already used (or committed by a concurrent twin, which the insert waits for) writes nothing
 * and `placed` is 0, a replay. The foreign keys are checked at the end of the statement.
 */
export const BARE_PLACE_ORDER_SQL = `WITH k AS (
  INSERT INTO orders.idempotency_keys (customer_id, key, request_hash, response_status,
    response_body, order_id)
  VALUES (${$('customerId')}::text, ${$('key')}::text, ${$('requestHash')}::text, 202,
    ${$('responseBody')}::jsonb, ${$('orderId')}::uuid)
  ON CONFLICT (customer_id, key) DO NOTHING
  RETURNING order_id),
o AS (
  INSERT INTO orders.orders (id, customer_id, status, currency, total_cents, shipping_address,
    payment_method, timeline, created_at, updated_at)
  SELECT k.order_id, ${$('customerId')}::text, 'PENDING', ${$('currency')}::text,
    ${$('totalCents')}::bigint, ${$('shippingAddress')}::jsonb, ${$('paymentMethod')}::text,
    ${$('timeline')}::jsonb, ${$('createdAt')}::timestamptz, ${$('createdAt')}::timestamptz
  FROM k
  RETURNING id),
i AS (
  INSERT INTO orders.order_items (order_id, sku, name, quantity, unit_price_cents)
  SELECT o.id, l.sku, l.name, l.quantity, l.unit_price_cents
  FROM o, unnest(${$('skus')}::text[], ${$('names')}::text[], ${$('quantities')}::integer[],
    ${$('unitPrices')}::integer[]) AS l(sku, name, quantity, unit_price_cents)),
m AS (
  INSERT INTO orders.outbox (id, queue, message_type, envelope)
  SELECT ${$('outboxId')}::uuid, ${$('outboxQueue')}::text, ${$('outboxType')}::text,
    ${$('envelope')}::jsonb
  FROM o)
SELECT count(*)::integer AS placed FROM k`;

/** The statement's parameters from named values. */
export function barePlaceOrderValues(values: Record<BarePlaceOrderSlot, unknown>): unknown[] {
  return BARE_PLACE_ORDER_SLOTS.map((slot) => values[slot]);
}
