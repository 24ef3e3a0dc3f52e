import type { PipelineVariant } from './bench.options';
import type { CpuUse } from './process-cpu.sampler';
import type { SqsCallCounts } from './sqs-call-counter.process';

export type { PipelineVariant } from './bench.options';
export type ApiVariant = 'conveyor' | 'bare';

/** Accepted (or seeded) orders against what the system shows for them afterwards. */
export interface Accounting {
  accepted: number;
  /** Found where they must be: stored (API) or SHIPPED (pipeline, spike). */
  accountedFor: number;
  missing: number;
  /** Up to 20 ids of the missing ones. */
  missingIds: string[];
}

export interface ApiRun {
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
  accounting: Accounting;
}

export interface PipelineRun {
  variant: PipelineVariant;
  repetition: number;
  ordersPerSecond: number;
  /** Orders that reached SHIPPED inside the measured window. */
  shippedInWindow: number;
  sqs: SqsCallCounts;
  sqsCallsPerOrder: number;
  cpu: CpuUse | null;
  cpuMsPerOrder: number | null;
  accounting: Accounting;
}

export interface SpikeRun {
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
}

export interface BenchReport {
  version: 1;
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
  };
  backingServices: { postgres: string; sqs: string; stripe: string };
  figures: Record<string, Figure>;
  api: ApiRun[];
  pipeline: PipelineRun[];
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
