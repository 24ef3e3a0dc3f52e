import type { QueueName } from '@conveyor/contracts';
import type { OrderStatus } from '../../orders/domain/order-status';
import type { ReconcilerRun } from '../../orders/reconcile-orders/reconcile-orders.job';

/** A queue's and its DLQ's message counts, as SQS reports them. */
export interface QueueCounts {
  visible: number;
  inFlight: number;
  delayed: number;
  /** Every message in the DLQ, visible or being inspected. */
  dlq: number;
}

/** A histogram's running totals (seconds waited, messages received) read from /metrics. */
export interface WaitTotals {
  sum: number;
  count: number;
}

/** What one sampling pass read from its sources; counters are totals, not rates. */
export interface RawSample {
  at: number;
  ordersByStatus: Partial<Record<OrderStatus, number>>;
  /** Queues whose depths could not be read are missing. */
  queues: Partial<Record<QueueName, QueueCounts>>;
  /** Queues whose wait histogram is measured by a process the console can read. */
  waits: Partial<Record<QueueName, WaitTotals>>;
  outbox: { rows: number; oldestAgeSeconds: number };
  reconciler: ReconcilerRun | null;
}

export interface QueueFigures extends Partial<QueueCounts> {
  queue: QueueName;
  /** Mean wait of the messages received in the last minute; null when none or unknown. */
  waitSeconds: number | null;
  waitMeasured: boolean;
}

/** What the console shows at one moment. */
export interface OverviewSnapshot {
  at: number;
  ordersByStatus: Partial<Record<OrderStatus, number>>;
  /** Null on the first sample: a rate needs two. */
  placedPerSecond: number | null;
  shippedPerSecond: number | null;
  queues: QueueFigures[];
  outbox: RawSample['outbox'];
  reconciler: ReconcilerRun | null;
  /** Sources that failed this time (their figures are missing, the rest still shows). */
  errors: string[];
}

const total = (counts: RawSample['ordersByStatus']) =>
  Object.values(counts).reduce((sum, count) => sum + (count ?? 0), 0);

/**
 * Rates come from two samples' totals: orders placed are all orders ever stored, orders shipped
 * are those now SHIPPED (no order leaves SHIPPED). A decrease (rows deleted, a sample that failed)
 * is not a negative rate: it reads as zero.
 */
export function perSecond(before: number, after: number, seconds: number): number {
  if (!(seconds > 0)) return 0;
  return Math.max(0, after - before) / seconds;
}

/** Mean wait of the messages received between two readings of a wait histogram. */
export function meanWait(before: WaitTotals | undefined, after: WaitTotals): number | null {
  const count = after.count - (before?.count ?? after.count);
  const sum = after.sum - (before?.sum ?? after.sum);
  if (count <= 0 || sum < 0) return null;
  return sum / count;
}

/**
 * `previous` is the sample before (for rates); `minuteAgo` the oldest sample of the last minute
 * (for the mean message wait, which two seconds rarely have enough messages for).
 */
export function toSnapshot(
  queues: readonly QueueName[],
  samples: { previous?: RawSample; minuteAgo?: RawSample },
  current: RawSample,
  errors: string[] = [],
): OverviewSnapshot {
  const { previous, minuteAgo } = samples;
  const seconds = previous ? (current.at - previous.at) / 1000 : 0;
  const rate = (read: (sample: RawSample) => number) =>
    previous ? perSecond(read(previous), read(current), seconds) : null;
  return {
    at: current.at,
    ordersByStatus: current.ordersByStatus,
    placedPerSecond: rate((sample) => total(sample.ordersByStatus)),
    shippedPerSecond: rate((sample) => sample.ordersByStatus.SHIPPED ?? 0),
    queues: queues.map((queue) => {
      const wait = current.waits[queue];
      return {
        queue,
        ...current.queues[queue],
        waitMeasured: wait !== undefined,
        waitSeconds: wait ? meanWait(minuteAgo?.waits[queue], wait) : null,
      };
    }),
    outbox: current.outbox,
    reconciler: current.reconciler,
    errors,
  };
}
