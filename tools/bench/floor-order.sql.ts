import { createHash, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { MESSAGE_CATALOG } from '@conveyor/contracts';
import { BENCH_ADDRESS, BENCH_PRODUCTS, orderRequestBody } from './bench.catalog';
import { personalData } from './pipeline.seeder';

/** The floors' scratch schema in the benchmark's database: copies of the tables an order writes. */
export const FLOOR_SCHEMA = 'bench_floor';
const TABLES = ['orders', 'order_items', 'idempotency_keys', 'outbox'];

/**
 * The values an accepted order writes, in the statement's order: the order row, its items, the
 * stored answer of its Idempotency-Key and its payment request in the outbox.
 */
export const FLOOR_SLOTS = [
  'orderId',
  'customerId',
  'totalCents',
  'shippingAddress',
  'timeline',
  'items',
  'key',
  'requestHash',
  'responseBody',
  'outboxId',
  'envelope',
] as const;
export type FloorSlot = (typeof FLOOR_SLOTS)[number];

/**
 * Copies of the order API's four tables with their columns, defaults, checks, indexes and
 * foreign keys (`LIKE` copies all but the foreign keys, which are added pointing at the copies),
 * so the floors pay for the same index entries and checks as the API.
 */
export async function createFloorSchema(sql: Pool): Promise<void> {
  await sql.query(`DROP SCHEMA IF EXISTS ${FLOOR_SCHEMA} CASCADE`);
  await sql.query(`CREATE SCHEMA ${FLOOR_SCHEMA}`);
  for (const table of TABLES) {
    await sql.query(`CREATE TABLE ${FLOOR_SCHEMA}.${table} (LIKE orders.${table} INCLUDING ALL)`);
  }
  const { rows } = await sql.query<{ table: string; name: string; definition: string }>(
    `SELECT conrelid::regclass::text AS table, conname AS name,
       pg_get_constraintdef(oid) AS definition
     FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY($1::regclass[])`,
    [TABLES.map((table) => `orders.${table}`)],
  );
  for (const row of rows) {
    const table = row.table.replace(/^orders\./, `${FLOOR_SCHEMA}.`);
    const definition = row.definition.replace(
      /REFERENCES orders\./g,
      `REFERENCES ${FLOOR_SCHEMA}.`,
    );
    await sql.query(`ALTER TABLE ${table} ADD CONSTRAINT ${row.name} ${definition}`);
  }
}

export async function dropFloorSchema(sql: Pool): Promise<void> {
  await sql.query(`DROP SCHEMA IF EXISTS ${FLOOR_SCHEMA} CASCADE`);
}

/**
 * An accepted order's rows in ONE statement, so one round trip: the order, then its items, its
 * idempotency record and its outbox row, which data-modifying CTEs insert with the order's id (the
 * foreign keys are checked at the end of the statement). `value` gives each slot's SQL: a
 * parameter for the `pg` client, a literal or an expression for pgbench.
 */
export function floorOrderSql(value: (slot: FloorSlot) => string): string {
  const s = FLOOR_SCHEMA;
  return `WITH o AS (
  INSERT INTO ${s}.orders (id, customer_id, status, currency, total_cents, shipping_address,
    payment_method, timeline, created_at, updated_at)
  VALUES (${value('orderId')}::uuid, ${value('customerId')}::text, 'PENDING', 'EUR',
    ${value('totalCents')}::bigint, ${value('shippingAddress')}::jsonb, 'pm_card_visa',
    ${value('timeline')}::jsonb, now(), now())
  RETURNING id),
i AS (
  INSERT INTO ${s}.order_items (order_id, sku, name, quantity, unit_price_cents)
  SELECT o.id, l.sku, l.name, l.quantity, l.unit_price_cents
  FROM o, jsonb_to_recordset(${value('items')}::jsonb)
    AS l(sku text, name text, quantity integer, unit_price_cents integer)),
k AS (
  INSERT INTO ${s}.idempotency_keys (customer_id, key, request_hash, response_status,
    response_body, order_id)
  SELECT ${value('customerId')}::text, ${value('key')}::text, ${value('requestHash')}::text, 202,
    ${value('responseBody')}::jsonb, o.id FROM o)
INSERT INTO ${s}.outbox (id, queue, message_type, envelope)
SELECT ${value('outboxId')}::uuid, 'payments', 'payment.authorization-requested',
  ${value('envelope')}::jsonb FROM o`;
}

/** The statement with `$1`, `$2`, … in FLOOR_SLOTS' order (the customer's id is used twice). */
export function floorOrderParameterSql(): string {
  return floorOrderSql((slot) => `$${FLOOR_SLOTS.indexOf(slot) + 1}`);
}

/**
 * A typical accepted order's values (two lines, the bench catalog's prices, the personal data
 * sealed in the message as the API seals it), the same for every floor transaction but its ids.
 */
export function typicalFloorOrder(customerId: string): Record<FloorSlot, unknown> {
  const orderId = randomUUID();
  const body = orderRequestBody(1);
  const prices = new Map(BENCH_PRODUCTS.map((product) => [product.sku, product.priceCents]));
  const items = body.items.map((item) => ({
    sku: item.sku,
    name: `Bench ${item.sku}`,
    quantity: item.quantity,
    unit_price_cents: prices.get(item.sku) ?? 0,
  }));
  const totalCents = items.reduce((sum, item) => sum + item.quantity * item.unit_price_cents, 0);
  const now = new Date().toISOString();
  const timeline = [{ status: 'PENDING', at: now }];
  const envelope = paymentRequest(orderId, customerId, totalCents, body.items, now);
  return {
    orderId,
    customerId,
    totalCents,
    shippingAddress: BENCH_ADDRESS,
    timeline,
    items,
    key: randomUUID(),
    requestHash: createHash('sha256').update(JSON.stringify(body)).digest('hex'),
    responseBody: {
      id: orderId,
      customerId,
      status: 'PENDING',
      items: items.map(({ unit_price_cents: unitPriceCents, ...item }) => ({
        ...item,
        unitPriceCents,
        lineTotalCents: unitPriceCents * item.quantity,
      })),
      ...{ totalCents, currency: 'EUR', shippingAddress: BENCH_ADDRESS, shipment: null },
      ...{ failureReason: null, timeline, createdAt: now, updatedAt: now },
    },
    outboxId: envelope.messageId,
    envelope,
  };
}

/** The outbox row's message, as the order API writes it. */
function paymentRequest(
  orderId: string,
  customerId: string,
  totalCents: number,
  items: { sku: string; quantity: number }[],
  now: string,
) {
  const type = 'payment.authorization-requested';
  return {
    messageId: randomUUID(),
    type,
    version: MESSAGE_CATALOG[type].version,
    occurredAt: now,
    correlationId: randomUUID(),
    orderId,
    payload: {
      customerId,
      totalCents,
      currency: 'EUR',
      items,
      ...personalData(orderId, true).fields,
    },
  };
}
