import type { PipelineVariant } from './bench.options';
import type { Spread } from './bench.stats';
import type { FloorRow } from './floors.figures';
import type { PostgresCost } from './postgres-cost.per-order';
import type { CpuUse } from './process-cpu.sampler';
import type { MemoryUse } from './process-memory.sampler';
import type { Leftovers } from './repetition.drain';
import type { SqsCallCounts } from './sqs-call-counter.process';

export type { PipelineVariant } from './bench.options';
export type ApiVariant = 'conveyor' | 'bare';
export type ApiFloor = 'pgbench' | 'pg-one-round-trip';

/** Accepted (or seeded) orders against what the system shows for them afterwards. */
export interface Accounting {
  accepted: number;
  /** Found where they must be: stored (API) or SHIPPED (pipeline, spike). */
  accountedFor: number;
  missing: number;
  /** Up to 20 ids of the missing ones. */
  missingIds: string[];
}

/** What every repetition of the apps records besides its rate. */
export interface Measured {
  /** False when it left messages or outbox rows behind (the figures leave it out). */
  valid: boolean;
  leftovers: Leftovers | null;
  /** Resident memory of each process during the window. */
  memory: MemoryUse | null;
}

export interface ApiRun extends Measured {
  variant: ApiVariant;
  repetition: number;
  acceptedPerSecond: number;
  statuses: Record<string, number>;
  latencyMs: { p50: number; p99: number };
  /** Payment requests that reached the (unconsumed) payments queue: one per accepted order. */
  paymentRequestsQueued: number;
  /** Where the CPU went in the window (Linux only), and what one accepted order cost. */
  cpu: CpuUse | null;
  cpuMsPerOrder: number | null;
  /** PostgreSQL's transactions, statements, rows, WAL and CPU per accepted order. */
  postgres: PostgresCost | null;
  accounting: Accounting;
}

export interface PipelineRun extends Measured {
  variant: PipelineVariant;
  repetition: number;
  ordersPerSecond: number;
  /** Orders that reached SHIPPED inside the measured window. */
  shippedInWindow: number;
  sqs: SqsCallCounts;
  sqsCallsPerOrder: number;
  cpu: CpuUse | null;
  cpuMsPerOrder: number | null;
  /** PostgreSQL's cost per shipped order. */
  postgres: PostgresCost | null;
  accounting: Accounting;
}

/** One repetition of an API floor: the order's rows alone, one statement per order. */
export interface ApiFloorRun {
  floor: ApiFloor;
  repetition: number;
  clients: number;
  transactionsPerSecond: number;
  cpu: CpuUse | null;
  /** Per transaction, which is one order. */
  postgres: PostgresCost | null;
  memory: MemoryUse | null;
}

/** One repetition of the SQS floor: send, receive and delete at batch 10. */
export interface SqsFloorRun {
  repetition: number;
  loops: number;
  callsPerSecond: number;
  messagesPerSecond: number;
  receiveBatch: number;
  /** callsPerSecond divided by the calls a shipped order needs at least. */
  ordersPerSecond: number;
  cpu: CpuUse | null;
}

export interface SpikeRun extends Measured {
  repetition: number;
  baselineRate: number;
  peakRate: number;
  workerNice: number;
  baselineP99Ms: number;
  spikeP99Ms: number;
  /** The slowest one-second window of the spike itself. */
  worstSecondP99Ms: number;
  p99Ratio: number;
  /** 5xx answers and failed connections. */
  serverErrors: number;
  statuses: Record<string, number>;
  peakBacklog: number;
  /** The backlog after the spike is larger than before it, and empty after the drain. */
  backlogGrewAndDrained: boolean;
  drainSeconds: number | null;
  /** The backlog the load left, divided by the seconds it took to drain; null if it never did. */
  drainOrdersPerSecond: number | null;
  /** POST to SHIPPED during the quiet stretch, from the orders' timelines. */
  quietEndToEndMs: { p50: number; p99: number } | null;
  /** From the quiet run's start to the drain's end. */
  cpu: CpuUse | null;
  accounting: Accounting;
}

export interface Figure {
  conveyor: number;
  baseline: number | null;
  ratio: number | null;
  goal: string;
  met: boolean | null;
  /** Over the repetitions: each side's, and the per-repetition ratios', min, median and max. */
  spread: { conveyor: Spread | null; baseline: Spread | null; ratio: Spread | null };
}

/** The load averages before the run, against the quiet threshold per core. */
export interface QuietCheck {
  loadAverage1: number;
  loadAverage5: number;
  perCore1: number;
  perCore5: number;
  thresholdPerCore: number;
  quiet: boolean;
}

export interface BenchReport {
  version: 2;
  startedAt: string;
  finishedAt: string;
  command: string;
  settings: Record<string, unknown>;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    node: string;
    platform: string;
    loadAverageAtStart: number[];
    loadAverageAtEnd: number[];
    quiet: QuietCheck;
  };
  backingServices: {
    postgres: string;
    sqs: string;
    stripe: string;
    statements: string;
    pgbench: string;
  };
  /** Each phase's turns: the scheme (ABBA or random with its seed) and every repetition's order. */
  order: { scheme: string; api: string[][]; pipeline: string[][] };
  figures: Record<string, Figure>;
  api: ApiRun[];
  pipeline: PipelineRun[];
  floors: { api: ApiFloorRun[]; sqs: SqsFloorRun[]; rows: FloorRow[] };
  sqsCalls: {
    perOrder: number;
    byActionPerOrder: Record<string, number>;
    messagesPerOrder: number;
    minimumPerOrder: number;
    bare: { perOrder: number; byActionPerOrder: Record<string, number> } | null;
  } | null;
  spike: SpikeRun[];
  accounting: { allAccountedFor: boolean; accepted: number; missing: number };
  warnings: string[];
}
