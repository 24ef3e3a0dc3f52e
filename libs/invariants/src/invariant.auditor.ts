import type Stripe from 'stripe';
import {
  INVARIANTS,
  type AuditOptions,
  type AuditTarget,
  type InvariantAuditReport,
  type InvariantId,
  type Violation,
} from './audit.types';
import type { AuditSnapshot } from './audit.snapshot';
import { inventedEffects, outboxViolations, stockViolations } from './deployment.checks';
import { orderIdOf, readDeployment } from './deployment.reader';
import { orderViolations } from './order.checks';

const SETTLE_POLL_MS = 1000;

/**
 * Checks I1–I8 of the reliability matrix against a deployment. With `settleSeconds` it reads
 * again until every invariant holds or the time is up, and reports the last reading.
 */
export async function auditInvariants(
  target: AuditTarget,
  options: AuditOptions,
): Promise<InvariantAuditReport> {
  const started = Date.now();
  const deadline = started + (options.settleSeconds ?? 0) * 1000;
  for (;;) {
    const report = await auditOnce(target, options);
    if (report.exitCode === 0) {
      return { ...report, settledAfterSeconds: (Date.now() - started) / 1000 };
    }
    if (Date.now() + SETTLE_POLL_MS > deadline) return report;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
}

async function auditOnce(
  target: AuditTarget,
  options: AuditOptions,
): Promise<InvariantAuditReport> {
  const { snapshot, readErrors } = await readDeployment(target, options);
  if (snapshot && snapshot.orders.size === 0 && !options.allowEmpty) {
    readErrors.push('the order scope holds no orders (pass allowEmpty to audit an empty one)');
  }
  if (snapshot && snapshot.missingOrderIds.length > 0) {
    readErrors.push(`orders not in orders.orders: ${snapshot.missingOrderIds.join(', ')}`);
  }
  const violations = snapshot ? checkAll(snapshot, options) : [];
  const invariants = (Object.keys(INVARIANTS) as InvariantId[]).map((id) => {
    const own = violations.filter((violation) => violation.invariant === id);
    return {
      id,
      name: INVARIANTS[id],
      holds: !snapshot ? false : own.length === 0,
      violations: own,
    };
  });
  const exitCode = readErrors.length > 0 ? 2 : violations.length > 0 ? 1 : 0;
  return {
    checkedAt: new Date().toISOString(),
    exitCode,
    invariants,
    readErrors,
    counts: countsOf(snapshot),
    settledAfterSeconds: null,
  };
}

export function checkAll(snapshot: AuditSnapshot, options: AuditOptions): Violation[] {
  const intentsByOrder = new Map<string, Stripe.PaymentIntent[]>();
  for (const intent of snapshot.intents) {
    const orderId = orderIdOf(intent);
    if (orderId) intentsByOrder.set(orderId, [...(intentsByOrder.get(orderId) ?? []), intent]);
  }
  return [
    ...[...snapshot.orders.values()].flatMap((order) =>
      orderViolations(order, intentsByOrder.get(order.id) ?? [], snapshot),
    ),
    ...inventedEffects(snapshot),
    ...stockViolations(snapshot, options),
    ...outboxViolations(snapshot),
  ];
}

function countsOf(snapshot: AuditSnapshot | undefined): InvariantAuditReport['counts'] {
  const byStatus: Record<string, number> = {};
  for (const order of snapshot?.orders.values() ?? []) {
    byStatus[order.status] = (byStatus[order.status] ?? 0) + 1;
  }
  const inScope = [...(snapshot?.orders.keys() ?? [])];
  return {
    ordersInScope: inScope.length,
    byStatus,
    deadLetteredOrders: inScope.filter((id) => snapshot?.deadLetteredOrderIds.has(id)).length,
    deadLetterMessages: snapshot?.deadLetterMessages ?? {},
    outboxBacklog: Object.fromEntries(
      Object.entries(snapshot?.outboxBacklog ?? {}).map(([schema, { rows }]) => [schema, rows]),
    ),
    paymentIntents: snapshot?.intents.length ?? 0,
    skus: snapshot?.stock.length ?? 0,
  };
}
