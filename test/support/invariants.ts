import type { EmulatedPaymentIntentView } from '@conveyor/stripe-emulator';
import { waitFor } from '@conveyor/dev-stack';
import { readSnapshot, type InvariantScope, type Snapshot } from './saga-snapshot.probe';

export type { InvariantScope } from './saga-snapshot.probe';

const TERMINAL = new Set(['SHIPPED', 'PAYMENT_FAILED', 'OUT_OF_STOCK', 'CANCELLED']);

/**
 * Checks the saga's invariants from the outside and returns one line per violation (empty when
 * all hold):
 * - I1 every order is terminal, or a message about it waits in a dead-letter queue;
 * - I3 at most one PaymentIntent per order and at most one capture, of exactly the order's total;
 *   a SHIPPED order was captured exactly once; a CANCELLED or OUT_OF_STOCK order has nothing
 *   captured and no authorization left open; a PAYMENT_FAILED order never had an authorization
 *   (only a declined attempt, status requires_payment_method, may exist);
 * - I4 per SKU: initial = available + reserved + shipped, none negative, reserved = units of
 *   RESERVED reservations and shipped = units of FULFILLED ones;
 * - I5 a SHIPPED order has one CREATED shipment, any other terminal order none; and a CREATED
 *   shipment (whatever the order's status) is backed by a PaymentIntent still capturable or
 *   captured, since goods must never leave on a canceled payment.
 */
export async function checkInvariants(scope: InvariantScope): Promise<string[]> {
  const snapshot = await readSnapshot(scope);
  const violations: string[] = [];
  for (const id of scope.orderIds) violations.push(...checkOrder(id, snapshot));
  for (const { sku, initial } of scope.skus) violations.push(...checkStock(sku, initial, snapshot));
  return violations;
}

/**
 * Asserts that every invariant holds. Compensations (a void, a release) may trail an order's
 * terminal status, so this polls until no violation is left or `timeoutMs` passes, then fails
 * with the violations seen last.
 */
export async function expectInvariants(scope: InvariantScope, timeoutMs = 30_000): Promise<void> {
  let violations: string[] = [];
  await waitFor(
    async () => {
      violations = await checkInvariants(scope);
      return violations.length === 0;
    },
    { timeoutMs, intervalMs: 500, description: 'the saga invariants to hold' },
  ).catch(() => undefined);
  expect(violations).toEqual([]);
}

function checkOrder(id: string, snapshot: Snapshot): string[] {
  const order = snapshot.orders.get(id);
  if (!order) return [`order ${id}: not in orders.orders`];
  const intents = snapshot.intents.get(id) ?? [];
  const shipment = snapshot.shipments.get(id);
  const violations = [
    ...paymentViolations(order, intents),
    ...shipmentViolations(order.status, shipment, intents),
  ];
  if (!TERMINAL.has(order.status) && !snapshot.deadLettered.has(id)) {
    violations.unshift('I1 neither terminal nor dead-lettered');
  }
  return violations.map((violation) => `order ${id} (${order.status}): ${violation}`);
}

function paymentViolations(
  order: { status: string; totalCents: number },
  intents: EmulatedPaymentIntentView[],
) {
  const violations: string[] = [];
  const captures = intents.reduce((sum, intent) => sum + intent.captureCount, 0);
  if (intents.length > 1) violations.push(`I3 ${intents.length} PaymentIntents: ${ids(intents)}`);
  if (captures > 1) violations.push(`I3 captured ${captures} times`);
  for (const intent of intents.filter((candidate) => candidate.captureCount > 0)) {
    if (intent.amount_received !== order.totalCents) {
      violations.push(
        `I3 ${intent.id} captured ${intent.amount_received}, the order totals ${order.totalCents}`,
      );
    }
  }
  if (order.status === 'SHIPPED' && captures !== 1)
    violations.push(`I3 captured ${captures} times instead of once`);
  if (order.status === 'CANCELLED' || order.status === 'OUT_OF_STOCK') {
    const open = intents.filter((intent) => intent.status === 'requires_capture');
    if (captures > 0) violations.push('I3 payment captured');
    if (open.length > 0) violations.push(`I3 authorization left open: ${ids(open)}`);
  }
  if (order.status === 'PAYMENT_FAILED') {
    const authorized = intents.filter((intent) => intent.status !== 'requires_payment_method');
    if (authorized.length > 0)
      violations.push(`I3 has authorized PaymentIntents: ${ids(authorized)}`);
  }
  return violations;
}

function shipmentViolations(
  status: string,
  shipment: string | undefined,
  intents: EmulatedPaymentIntentView[],
) {
  const violations: string[] = [];
  const payable = intents.some((intent) =>
    ['requires_capture', 'succeeded'].includes(intent.status),
  );
  if (shipment === 'CREATED' && !payable) {
    violations.push(`I5 shipment created, payment not capturable: ${ids(intents)}`);
  }
  if (status === 'SHIPPED' && shipment !== 'CREATED') {
    violations.push(`I5 shipment is ${shipment ?? 'missing'}, not CREATED`);
  }
  if (status !== 'SHIPPED' && TERMINAL.has(status) && shipment === 'CREATED') {
    violations.push('I5 has a CREATED shipment');
  }
  return violations;
}

function checkStock(sku: string, initial: number, snapshot: Snapshot): string[] {
  const level = snapshot.stock.get(sku);
  if (!level) return [`sku ${sku}: no inventory.stock row`];
  const { available, reserved, shipped } = level;
  const violations: string[] = [];
  const fail = (message: string) =>
    violations.push(
      `sku ${sku} (available ${available}, reserved ${reserved}, shipped ${shipped}): ${message}`,
    );
  if (available + reserved + shipped !== initial) fail(`I4 the units do not add up to ${initial}`);
  if (Math.min(available, reserved, shipped) < 0) fail('I4 a negative count');
  const held = snapshot.reservedUnits.get(sku) ?? 0;
  if (reserved !== held) fail(`I4 RESERVED reservations hold ${held} units`);
  const fulfilled = snapshot.fulfilledUnits.get(sku) ?? 0;
  if (shipped !== fulfilled) fail(`I4 FULFILLED reservations hold ${fulfilled} units`);
  return violations;
}

function ids(intents: EmulatedPaymentIntentView[]): string {
  return intents.map((intent) => `${intent.id} ${intent.status}`).join(', ');
}
