import type { QueueName } from '@conveyor/contracts';

/** One stretch of constant (or linearly changing) offered load. */
export interface LoadPhase {
  name: string;
  durationSeconds: number;
  ratePerSecond: number;
  /** When set, the rate moves linearly from ratePerSecond to this over the phase. */
  endRatePerSecond?: number;
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface QueueDepth {
  visible: number;
  inFlight: number;
}

/** What happened during one second of the run (t = seconds since the load started). */
export interface LoadSample {
  t: number;
  at: string;
  phase: string;
  targetRate: number;
  /** Requests the kit sent this second. */
  offered: number;
  /** 202 answers received this second. */
  accepted: number;
  /** Answers by HTTP status, plus transport failures as e.g. `error:UND_ERR_CONNECT_TIMEOUT`. */
  statusCounts: Record<string, number>;
  apiLatencyMs: Percentiles | null;
  queues: Record<QueueName, QueueDepth> | null;
  dlqs: Record<QueueName, number> | null;
  /** Accepted orders not yet seen in a terminal status. */
  backlog: number;
  /** Orders whose terminal status was reached in this second (server timestamps). */
  completed: number;
  /** POST /orders to SHIPPED, for the orders shipped in this second. */
  endToEndMs: Percentiles | null;
}

export interface OrderAccounting {
  accepted: number;
  terminal: number;
  byStatus: Record<string, number>;
  /** Still moving when the kit gave up waiting. */
  inProgress: number;
  /** Accepted, yet the API no longer knows them. */
  missing: number;
  /** Up to 50 ids of orders that did not reach a terminal status, for a closer look. */
  unaccountedIds: string[];
  allAccountedFor: boolean;
}

export interface LoadSummary {
  requestsSent: number;
  accepted: number;
  /** Arrivals the kit skipped because maxInFlight requests were already outstanding. */
  clientSkipped: number;
  statusCounts: Record<string, number>;
  /** Non-202 answers by `<status> <problem code>`, and transport failures. */
  errorCounts: Record<string, number>;
  peakOfferedRate: number;
  peakAcceptedRate: number;
  peakBacklog: number;
  peakQueueDepth: number;
  drained: boolean;
  /** From the end of the load to an empty backlog and empty work queues; null if never. */
  drainSeconds: number | null;
  apiLatencyMs: Percentiles | null;
  endToEndMs: Percentiles | null;
  dlqGrowth: Record<string, number>;
  observerErrors: number;
}

/** A process whose /metrics the kit samples (memory, open handles). */
export interface ProcessTarget {
  name: string;
  metricsUrl: string;
}

export interface ProcessPoint {
  /** Seconds since the load started. */
  t: number;
  rssBytes: number;
  heapUsedBytes: number;
  handles: number | null;
}

export interface SeriesTrend {
  slopePerHour: number;
  growth: number;
  verdict: 'leak suspected' | 'stable' | 'too short';
  reason: string;
}

/** One process over the run: its samples and the trend of each series (soak). */
export interface ProcessReport extends ProcessTarget {
  points: ProcessPoint[];
  errors: number;
  restarts: number;
  trends: { rssBytes: SeriesTrend; heapUsedBytes: SeriesTrend; handles: SeriesTrend | null };
}

export interface LoadReport {
  version: 1;
  profile: string;
  startedAt: string;
  finishedAt: string;
  /** sqsEndpoint: `aws` for Amazon SQS, null when queues were not sampled. */
  target: { baseUrl: string; sqsEndpoint: string | null; queuePrefix: string; queueMode: string };
  settings: {
    phases: LoadPhase[];
    customers: number;
    declineShare: number;
    skus: string[];
    connections: number;
    maxInFlight: number;
    drainTimeoutSeconds: number;
    seed: number;
  };
  samples: LoadSample[];
  /** Memory and open handles per process; empty when not sampled (--process-metrics none). */
  processes: ProcessReport[];
  summary: LoadSummary;
  accounting: OrderAccounting;
  warnings: string[];
}
