import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { OutboxMessage } from '@conveyor/transactional-messaging';
import type { Order } from '../domain/order.aggregate';
import type { StoredResponse } from './idempotency-key.store';

/** What the statement writes: the order, its key's stored answer and its payment request. */
export interface PlaceOrderRows {
  order: Order;
  key: string;
  response: StoredResponse;
  message: OutboxMessage;
}

/**
 * Why nothing was written: the key was used before (or by a concurrent twin, whose commit the
 * insert waits for), or a line's price, name or currency is no longer the catalog's.
 */
export type PlaceOrderOutcome = 'placed' | 'key-used' | 'prices-changed';

const SLOTS = [
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
  'responseStatus',
  'responseBody',
  'outboxId',
  'outboxQueue',
  'outboxType',
  'envelope',
] as const;
const $ = (slot: (typeof SLOTS)[number]) => `$${SLOTS.indexOf(slot) + 1}`;

/**
 * An accepted order in ONE statement: one round trip and one implicit transaction, where the
 * handler used to send a key look-up, a price look-up, then BEGIN, five statements and COMMIT
 * (docs/performance.md has the figures). Data-modifying CTEs: the idempotency record first, ON
 * CONFLICT DO NOTHING, so the key's unique constraint answers the look-up; only if it was
 * inserted, and only if every line still matches the catalog, are the order, its items and its
 * outbox row inserted from what it returned. The foreign keys are checked at the end of the
 * statement. `updated_at` is the database's clock, as everywhere (see OrderRepository).
 */
const PLACE_ORDER_SQL = `WITH l AS (
  SELECT * FROM unnest(${$('skus')}::text[], ${$('names')}::text[], ${$('quantities')}::integer[],
    ${$('unitPrices')}::integer[]) AS l(sku, name, quantity, unit_price_cents)),
stale AS (
  SELECT 1 FROM l LEFT JOIN orders.products p ON p.sku = l.sku
  WHERE p.sku IS NULL OR p.price_cents <> l.unit_price_cents OR p.name <> l.name
    OR p.currency <> ${$('currency')}::text),
k AS (
  INSERT INTO orders.idempotency_keys (customer_id, key, request_hash, response_status,
    response_body, order_id)
  SELECT ${$('customerId')}::text, ${$('key')}::text, ${$('requestHash')}::text,
    ${$('responseStatus')}::integer, ${$('responseBody')}::jsonb, ${$('orderId')}::uuid
  WHERE NOT EXISTS (SELECT 1 FROM stale)
  ON CONFLICT (customer_id, key) DO NOTHING
  RETURNING order_id),
o AS (
  INSERT INTO orders.orders (id, customer_id, status, currency, total_cents, shipping_address,
    payment_method, timeline, created_at, updated_at)
  SELECT k.order_id, ${$('customerId')}::text, 'PENDING', ${$('currency')}::text,
    ${$('totalCents')}::bigint, ${$('shippingAddress')}::jsonb, ${$('paymentMethod')}::text,
    ${$('timeline')}::jsonb, ${$('createdAt')}::timestamptz, now()
  FROM k
  RETURNING id),
i AS (
  INSERT INTO orders.order_items (order_id, sku, name, quantity, unit_price_cents)
  SELECT o.id, l.sku, l.name, l.quantity, l.unit_price_cents FROM o, l),
m AS (
  INSERT INTO orders.outbox (id, queue, message_type, envelope)
  SELECT ${$('outboxId')}::uuid, ${$('outboxQueue')}::text, ${$('outboxType')}::text,
    ${$('envelope')}::jsonb
  FROM o)
SELECT (SELECT count(*) FROM k)::integer AS placed, EXISTS (SELECT 1 FROM stale) AS stale`;

@Injectable()
export class PlaceOrderStatement {
  constructor(private readonly dataSource: DataSource) {}

  async execute(rows: PlaceOrderRows): Promise<PlaceOrderOutcome> {
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const {
      rows: [result],
    } = await pool.query<{ placed: number; stale: boolean }>({
      name: 'orders.place-order',
      text: PLACE_ORDER_SQL,
      values: valuesOf(rows),
    });
    if (result.placed === 1) return 'placed';
    return result.stale ? 'prices-changed' : 'key-used';
  }
}

function valuesOf({ order, key, response, message }: PlaceOrderRows): unknown[] {
  const state = order.snapshot;
  const values: Record<(typeof SLOTS)[number], unknown> = {
    orderId: state.id,
    customerId: state.customerId,
    currency: state.currency,
    totalCents: order.totalCents,
    shippingAddress: JSON.stringify(state.shippingAddress),
    paymentMethod: state.paymentMethod,
    timeline: JSON.stringify(state.timeline),
    createdAt: state.createdAt,
    skus: state.items.map((item) => item.sku),
    names: state.items.map((item) => item.name),
    quantities: state.items.map((item) => item.quantity),
    unitPrices: state.items.map((item) => item.unitPriceCents),
    key,
    requestHash: response.requestHash,
    responseStatus: response.status,
    responseBody: JSON.stringify(response.body),
    outboxId: message.id,
    outboxQueue: message.queue,
    outboxType: message.envelope.type,
    envelope: JSON.stringify(message.envelope),
  };
  return SLOTS.map((slot) => values[slot]);
}
