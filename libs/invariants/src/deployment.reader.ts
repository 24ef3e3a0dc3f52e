import { QUEUE_NAMES } from '@conveyor/contracts';
import { peekDeadLetters } from '@conveyor/messaging';
import type Stripe from 'stripe';
import type { AuditOptions, AuditTarget } from './audit.types';
import { ORDER_ID_METADATA, type AuditSnapshot } from './audit.snapshot';
import { acceptedOrderIds, readDatabase } from './database.reader';

/** Peeked, not consumed; far above any DLQ a healthy deployment keeps. */
const DEAD_LETTER_PEEK_LIMIT = 10_000;

/**
 * Reads the deployment for one audit. Any read that fails is named in `readErrors` (the audit
 * then exits 2): an invariant is never judged on data that could not be read.
 */
export async function readDeployment(
  target: AuditTarget,
  options: AuditOptions,
): Promise<{ snapshot?: AuditSnapshot; readErrors: string[] }> {
  const readErrors: string[] = [];
  const attempt = <T>(what: string, read: () => Promise<T>) =>
    read().catch((error: unknown) => {
      readErrors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    });
  const [rows, deadLetters] = await Promise.all([
    attempt('PostgreSQL', () => readDatabase(target, options)),
    attempt('SQS dead-letter queues', () => readDeadLetters(target)),
  ]);
  const since = options.stripeSince ?? firstOrderTime(rows?.orders);
  const stripe = await attempt('Stripe', () => readStripe(target.stripe, since));
  const named = [...new Set((stripe?.intents ?? []).map(orderIdOf).filter(isString))];
  const accepted = await attempt('PostgreSQL (orders named by PaymentIntents)', () =>
    acceptedOrderIds(target, named),
  );
  if (!rows || !deadLetters || !stripe || !accepted) return { readErrors };
  return {
    readErrors,
    snapshot: { ...rows, ...deadLetters, ...stripe, acceptedIntentOrderIds: accepted },
  };
}

export function orderIdOf(intent: Stripe.PaymentIntent): string | undefined {
  return intent.metadata?.[ORDER_ID_METADATA];
}

function isString(value: string | undefined): value is string {
  return typeof value === 'string';
}

function firstOrderTime(orders: Map<string, { createdAt: Date }> | undefined): Date | undefined {
  if (!orders || orders.size === 0) return undefined;
  const first = Math.min(...[...orders.values()].map((order) => order.createdAt.getTime()));
  // Stripe stamps whole seconds, and the worker calls Stripe after the order was accepted.
  return new Date(first - 1000);
}

async function readDeadLetters(target: AuditTarget) {
  const deadLetteredOrderIds = new Set<string>();
  const deadLetterMessages: Record<string, number> = {};
  for (const queue of QUEUE_NAMES) {
    const letters = await peekDeadLetters(
      target.sqs,
      target.directory[queue].dlqUrl,
      DEAD_LETTER_PEEK_LIMIT,
    );
    deadLetterMessages[queue] = letters.length;
    for (const letter of letters) if (letter.orderId) deadLetteredOrderIds.add(letter.orderId);
  }
  return { deadLetteredOrderIds, deadLetterMessages };
}

/** Every PaymentIntent created since `since` (all of them without it), with or without an order. */
async function readStripe(stripe: Stripe, since: Date | undefined) {
  const created = since ? { gte: Math.floor(since.getTime() / 1000) } : undefined;
  const intents: Stripe.PaymentIntent[] = [];
  for await (const intent of stripe.paymentIntents.list({ limit: 100, created })) {
    intents.push(intent);
  }
  const refundedCents = new Map<string, number>();
  for await (const refund of stripe.refunds.list({ limit: 100, created })) {
    const intent = typeof refund.payment_intent === 'string' ? refund.payment_intent : null;
    if (intent && refund.status !== 'failed' && refund.status !== 'canceled') {
      refundedCents.set(intent, (refundedCents.get(intent) ?? 0) + refund.amount);
    }
  }
  return { intents, refundedCents };
}
