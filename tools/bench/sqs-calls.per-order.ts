import type { BenchReport, PipelineRun, PipelineVariant } from './bench-report.types';
import { round } from './bench.stats';
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

/** Calls per order by action over every standard-mode run of Conveyor (and of the bare pipeline). */
export function sqsCallsSummary(pipeline: PipelineRun[]): BenchReport['sqsCalls'] {
  const summary = (variant: PipelineVariant) => {
    const runs = pipeline.filter((run) => run.variant === variant);
    const shipped = runs.reduce((sum, run) => sum + run.shippedInWindow, 0);
    if (runs.length === 0 || shipped === 0) return null;
    const counts = runs.map((run) => run.sqs).reduce(addCounts);
    const perAction = callsPerOrder(counts, shipped);
    const byActionPerOrder = Object.fromEntries(
      Object.entries(perAction).map(([action, calls]) => [action, round(calls, 2)]),
    );
    const sent = (counts.entries.SendMessageBatch ?? 0) + (counts.calls.SendMessage ?? 0);
    return {
      perOrder: round(totalPerOrder(perAction), 2),
      byActionPerOrder,
      messagesPerOrder: round(sent / shipped, 2),
    };
  };
  const conveyor = summary('conveyor');
  if (!conveyor) return null;
  const bare = summary('bare');
  return {
    ...conveyor,
    minimumPerOrder: MINIMUM_CALLS_PER_ORDER,
    bare: bare && { perOrder: bare.perOrder, byActionPerOrder: bare.byActionPerOrder },
  };
}
