import { percentiles } from './latency.percentiles';
import type {
  LoadReport,
  LoadSample,
  LoadSummary,
  OrderAccounting,
  ProcessReport,
} from './load-report.types';
import type { TrackedOrder } from './order-completion.tracker';
import type { QueueDepths } from './queue-depth.probe';
import type { SecondWindowRecorder } from './second-window.recorder';

export interface ReportInput {
  head: Pick<LoadReport, 'profile' | 'startedAt' | 'target' | 'settings'>;
  samples: LoadSample[];
  processes: ProcessReport[];
  originWallMs: number;
  recorder: SecondWindowRecorder;
  orders: Iterable<TrackedOrder>;
  depths: { initial: QueueDepths | null; final: QueueDepths | null };
  drainSeconds: number | null;
  observerErrors: number;
  warnings: string[];
}

const MAX_LISTED_IDS = 50;

/** The finished report: completions and end-to-end latencies recounted from server timestamps. */
export function buildLoadReport(input: ReportInput): LoadReport {
  const orders = [...input.orders];
  const samples = withCompletions(input.samples, orders, input.originWallMs);
  const shipped = orders.filter((order) => order.status === 'SHIPPED' && order.terminalAtMs);
  return {
    version: 1,
    ...input.head,
    finishedAt: new Date().toISOString(),
    samples,
    processes: input.processes,
    summary: summarize(input, samples, endToEnd(shipped)),
    accounting: account(orders),
    warnings: input.warnings,
  };
}

function withCompletions(samples: LoadSample[], orders: TrackedOrder[], originWallMs: number) {
  const completed = samples.map(() => 0);
  const latencies = samples.map((): number[] => []);
  for (const order of orders) {
    if (order.terminalAtMs === undefined || samples.length === 0) continue;
    // Sample t covers (t-1, t] seconds after the start; anything later lands in the last one.
    const index =
      Math.min(Math.max(Math.ceil((order.terminalAtMs - originWallMs) / 1000), 1), samples.length) -
      1;
    completed[index]++;
    if (order.status === 'SHIPPED') latencies[index].push(order.terminalAtMs - order.createdAtMs);
  }
  return samples.map((sample, index) => ({
    ...sample,
    completed: completed[index],
    endToEndMs: percentiles(latencies[index]),
  }));
}

function endToEnd(shipped: TrackedOrder[]): number[] {
  return shipped.map((order) => (order.terminalAtMs ?? order.createdAtMs) - order.createdAtMs);
}

function summarize(input: ReportInput, samples: LoadSample[], endToEndMs: number[]): LoadSummary {
  const { recorder, depths } = input;
  const peak = (pick: (sample: LoadSample) => number) =>
    samples.reduce((max, s) => Math.max(max, pick(s)), 0);
  const dlqGrowth: Record<string, number> = {};
  for (const [queue, depth] of Object.entries(depths.final?.dlqs ?? {})) {
    dlqGrowth[queue] = depth - (depths.initial?.dlqs[queue as keyof QueueDepths['dlqs']] ?? 0);
  }
  return {
    requestsSent: recorder.requestsSent,
    accepted: recorder.accepted,
    clientSkipped: recorder.clientSkipped,
    statusCounts: recorder.statusCounts,
    errorCounts: recorder.errorCounts,
    peakOfferedRate: peak((s) => s.offered),
    peakAcceptedRate: peak((s) => s.accepted),
    peakBacklog: peak((s) => s.backlog),
    peakQueueDepth: peak((s) =>
      Object.values(s.queues ?? {}).reduce((sum, queue) => sum + queue.visible + queue.inFlight, 0),
    ),
    drained: input.drainSeconds !== null,
    drainSeconds: input.drainSeconds,
    apiLatencyMs: percentiles(recorder.latenciesMs),
    endToEndMs: percentiles(endToEndMs),
    dlqGrowth,
    observerErrors: input.observerErrors,
  };
}

function account(orders: TrackedOrder[]): OrderAccounting {
  const byStatus: Record<string, number> = {};
  let terminal = 0;
  let missing = 0;
  const unaccountedIds: string[] = [];
  for (const order of orders) {
    if (order.terminalAtMs !== undefined) {
      terminal++;
      byStatus[order.status] = (byStatus[order.status] ?? 0) + 1;
      continue;
    }
    if (order.missing) missing++;
    if (unaccountedIds.length < MAX_LISTED_IDS) unaccountedIds.push(order.id);
  }
  return {
    accepted: orders.length,
    terminal,
    byStatus,
    inProgress: orders.length - terminal - missing,
    missing,
    unaccountedIds,
    allAccountedFor: terminal === orders.length,
  };
}
