import type { SqsCallCounts } from './sqs-call-counter.process';

/**
 * Messages one shipped order sends: payment request; payment authorized + reservation request;
 * stock levels + stock reserved + shipment request; capture request + reservation fulfilled;
 * order shipped. Each is sent, received and deleted once, at best ten to a call.
 */
export const MESSAGES_PER_ORDER = 9;
export const MINIMUM_CALLS_PER_ORDER = (MESSAGES_PER_ORDER * 3) / 10;

/**
 * SQS calls per order by action at the rate the window ran: each call's share of the messages it
 * carried (sent, received or deleted), times the nine messages of an order. Dividing the window's
 * calls by the orders it shipped instead would count the calls of orders still on their way
 * whenever the backlog grew in the window. Other actions are per shipped order.
 */
export function callsPerOrder(counts: SqsCallCounts, shipped: number): Record<string, number> {
  const sent = (counts.entries.SendMessageBatch ?? 0) + (counts.calls.SendMessage ?? 0);
  const deleted = (counts.entries.DeleteMessageBatch ?? 0) + (counts.calls.DeleteMessage ?? 0);
  const carried: Record<string, number> = {
    SendMessageBatch: sent,
    SendMessage: sent,
    ReceiveMessage: counts.received.messages,
    DeleteMessageBatch: deleted,
    DeleteMessage: deleted,
  };
  const perOrder: Record<string, number> = {};
  for (const [action, calls] of Object.entries(counts.calls)) {
    const messages = carried[action];
    perOrder[action] =
      messages === undefined
        ? calls / Math.max(1, shipped)
        : (calls / Math.max(1, messages)) * MESSAGES_PER_ORDER;
  }
  return perOrder;
}

export function totalPerOrder(perOrder: Record<string, number>): number {
  return Object.values(perOrder).reduce((sum, calls) => sum + calls, 0);
}

export function addCounts(a: SqsCallCounts, b: SqsCallCounts): SqsCallCounts {
  const plus = (x: Record<string, number>, y: Record<string, number>) => {
    const sum = { ...x };
    for (const [key, value] of Object.entries(y)) sum[key] = (sum[key] ?? 0) + value;
    return sum;
  };
  return {
    calls: plus(a.calls, b.calls),
    entries: plus(a.entries, b.entries),
    received: {
      messages: a.received.messages + b.received.messages,
      empty: a.received.empty + b.received.empty,
    },
  };
}
