import type { AuditOptions, Violation } from './audit.types';
import type { AuditSnapshot } from './audit.snapshot';
import { orderIdOf } from './deployment.reader';

const ENDED_UNSHIPPED = new Set(['PAYMENT_FAILED', 'OUT_OF_STOCK', 'CANCELLED']);

/** I2: effects whose order was never accepted, in Stripe and in the workers' tables. */
export function inventedEffects(snapshot: AuditSnapshot): Violation[] {
  const found: Violation[] = [];
  for (const intent of snapshot.intents) {
    const orderId = orderIdOf(intent);
    if (!orderId) {
      found.push({ invariant: 'I2', evidence: `${intent.id} (${intent.status}) names no order` });
    } else if (!snapshot.acceptedIntentOrderIds.has(orderId)) {
      found.push({
        invariant: 'I2',
        orderId,
        evidence: `${intent.id} (${intent.status}) names an order that was never accepted`,
      });
    }
  }
  for (const { table, orderId } of snapshot.orphanRows) {
    found.push({ invariant: 'I2', orderId, evidence: `${table} row for an order never accepted` });
  }
  return found;
}

/** I4: per SKU conservation, the counters against the reservations, none held by an ended order. */
export function stockViolations(snapshot: AuditSnapshot, options: AuditOptions): Violation[] {
  const found: Violation[] = [];
  const initial = new Map((options.skus ?? []).map((entry) => [entry.sku, entry.initial]));
  for (const row of snapshot.stock) {
    const level = `available ${row.available}, reserved ${row.reserved}, shipped ${row.shipped}`;
    const fail = (evidence: string) =>
      found.push({ invariant: 'I4', sku: row.sku, evidence: `${evidence} (${level})` });
    if (row.available + row.reserved + row.shipped !== row.received) {
      fail(`units do not add up to the ${row.received} received`);
    }
    const expected = initial.get(row.sku);
    if (expected !== undefined && row.received !== expected) {
      fail(`received ${row.received}, expected ${expected}`);
    }
    if (row.reserved !== row.reservedUnits)
      fail(`RESERVED reservations hold ${row.reservedUnits} units`);
    if (row.shipped !== row.fulfilledUnits)
      fail(`FULFILLED reservations hold ${row.fulfilledUnits} units`);
  }
  for (const sku of initial.keys()) {
    if (!snapshot.stock.some((row) => row.sku === sku)) {
      found.push({ invariant: 'I4', sku, evidence: 'no inventory.stock row' });
    }
  }
  for (const [orderId, status] of snapshot.reservations) {
    const order = snapshot.orders.get(orderId);
    if (status === 'RESERVED' && order && ENDED_UNSHIPPED.has(order.status)) {
      found.push({
        invariant: 'I4',
        orderId,
        evidence: `a ${order.status} order still holds a reservation`,
      });
    }
  }
  return found;
}

/** I8: rows the outbox relays have not handed to SQS. */
export function outboxViolations(snapshot: AuditSnapshot): Violation[] {
  return Object.entries(snapshot.outboxBacklog)
    .filter(([, backlog]) => backlog.rows > 0)
    .map(([schema, backlog]) => ({
      invariant: 'I8' as const,
      evidence:
        `${schema}.outbox holds ${backlog.rows} unsent row(s), ` +
        `the oldest ${Math.round(backlog.oldestSeconds ?? 0)} s old`,
    }));
}
