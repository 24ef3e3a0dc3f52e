import type Stripe from 'stripe';
import { TERMINAL_STATUSES } from '@conveyor/contracts';
import type { Violation } from './audit.types';
import type { AuditedOrder, AuditSnapshot } from './audit.snapshot';
import { timelineViolations } from './timeline.check';

const ENDED_UNSHIPPED = new Set(['PAYMENT_FAILED', 'OUT_OF_STOCK', 'CANCELLED']);

/** I1, I3, I5, I6 and I7 for one order of the scope. */
export function orderViolations(
  order: AuditedOrder,
  intents: Stripe.PaymentIntent[],
  snapshot: AuditSnapshot,
): Violation[] {
  const orderId = order.id;
  const found: Omit<Violation, 'orderId'>[] = [];
  const terminal = TERMINAL_STATUSES.includes(order.status as never);
  if (!terminal && !snapshot.deadLetteredOrderIds.has(orderId)) {
    found.push({ invariant: 'I1', evidence: 'neither terminal nor dead-lettered' });
  }
  found.push(...paymentViolations(order, intents, snapshot.refundedCents));
  found.push(...shipmentViolations(order.status, snapshot.shipments.get(orderId), intents));
  if (intents.length > 1) {
    found.push({ invariant: 'I6', evidence: `${intents.length} PaymentIntents: ${ids(intents)}` });
  }
  found.push(
    ...timelineViolations(order).map((evidence) => ({ invariant: 'I7' as const, evidence })),
  );
  return found.map((violation) => ({ ...violation, orderId }));
}

function paymentViolations(
  order: AuditedOrder,
  intents: Stripe.PaymentIntent[],
  refundedCents: Map<string, number>,
): Omit<Violation, 'orderId'>[] {
  const found: string[] = [];
  const captured = intents.filter((intent) => intent.amount_received > 0);
  if (captured.length > 1) found.push(`captured ${captured.length} times: ${ids(captured)}`);
  for (const intent of captured) {
    if (intent.amount_received !== order.totalCents || intent.currency !== order.currency) {
      found.push(
        `${intent.id} captured ${intent.amount_received} ${intent.currency}, ` +
          `the order totals ${order.totalCents} ${order.currency}`,
      );
    }
  }
  const kept = captured.reduce(
    (sum, intent) => sum + intent.amount_received - (refundedCents.get(intent.id) ?? 0),
    0,
  );
  if (order.status === 'SHIPPED' && captured.length === 0) found.push('shipped, never captured');
  if (ENDED_UNSHIPPED.has(order.status) && kept > 0)
    found.push(`kept ${kept} of a ${order.status} order`);
  if (ENDED_UNSHIPPED.has(order.status)) {
    const open = intents.filter((intent) => intent.status === 'requires_capture');
    if (open.length > 0) found.push(`authorization left open: ${ids(open)}`);
  }
  if (order.status === 'PAYMENT_FAILED') {
    const authorized = intents.filter((intent) => intent.status !== 'requires_payment_method');
    if (authorized.length > 0)
      found.push(`declined order has authorized PaymentIntents: ${ids(authorized)}`);
  }
  return found.map((evidence) => ({ invariant: 'I3', evidence }));
}

function shipmentViolations(
  status: string,
  shipment: string | undefined,
  intents: Stripe.PaymentIntent[],
): Omit<Violation, 'orderId'>[] {
  const found: string[] = [];
  const payable = intents.some((intent) =>
    ['requires_capture', 'succeeded'].includes(intent.status),
  );
  if (shipment === 'CREATED' && !payable) {
    found.push(`shipment created, payment not capturable: ${ids(intents) || 'no PaymentIntent'}`);
  }
  if (status === 'SHIPPED' && shipment !== 'CREATED') {
    found.push(`shipment is ${shipment ?? 'missing'}, not CREATED`);
  }
  if (ENDED_UNSHIPPED.has(status) && shipment === 'CREATED') found.push('has a CREATED shipment');
  return found.map((evidence) => ({ invariant: 'I5', evidence }));
}

export function ids(intents: Stripe.PaymentIntent[]): string {
  return intents.map((intent) => `${intent.id} ${intent.status}`).join(', ');
}
