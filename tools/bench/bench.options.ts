import path from 'node:path';
import { parseArgs } from 'node:util';
import { positive, UsageError } from '../cli/command-line';
import type { VariantOrder } from './variant-order.schedule';

export const BENCH_PHASES = ['api', 'pipeline', 'spike'] as const;
export const PIPELINE_VARIANTS = ['conveyor', 'bare', 'conveyor-fifo'] as const;
export type PipelineVariant = (typeof PIPELINE_VARIANTS)[number];
export type BenchPhase = (typeof BENCH_PHASES)[number];

/**
 * The order API's CONSUMER_CONCURRENCY default (apps/order-api/src/order-api.config.ts; tools
 * cannot import apps). The benchmark passes it to the order API and to the bare order-events
 * loop, so both run the same handlers at once even if the app's default changes.
 */
export const ORDER_API_CONSUMER_CONCURRENCY = 2;

export interface BenchOptions {
  /** Seconds of measured load per repetition of the API and pipeline figures. */
  durationSeconds: number;
  repetitions: number;
  quick: boolean;
  phases: readonly BenchPhase[];
  /** Which pipeline variants take turns (all three by default), to look at one alone. */
  pipelineVariants: readonly PipelineVariant[];
  /** The floors (pgbench, one round trip, SQS) take turns with the variants; off to save time. */
  floors: boolean;
  /** How the variants take turns across repetitions: ABBA, or shuffled from a seed. */
  order: VariantOrder;
  /** Closed-loop HTTP connections driving `POST /orders` in the API figure. */
  connections: number;
  /** Messages in flight per consumer, for Conveyor (CONSUMER_CONCURRENCY) and the bare loops alike. */
  consumerConcurrency: number;
  /**
   * Handlers at once in the order API's own consumer (order-events), which shares the process
   * with the HTTP API, and in the bare order-events loop alike; by default the order API's own.
   */
  apiConsumerConcurrency: number;
  /** PostgreSQL connections per process, for both variants (DATABASE_POOL_SIZE). */
  poolSize: number;
  /** LOG_LEVEL of Conveyor's apps (info is their default). */
  logLevel: string;
  /** Spike profile: the quiet rate, the spike rate as a multiple of the measured pipeline rate. */
  spike: { baselineRate: number; multiplier: number; seconds: number; workerNice: number };
  reportsDir: string;
  docPath: string;
}

export const BENCH_USAGE = `usage: npm run bench -- [--duration S] [--repetitions N] [--quick]
  [--phases api,pipeline,spike] [--pipeline-variants conveyor,bare,conveyor-fifo] [--no-floors]
  [--order abba|random] [--seed N]
  [--connections N] [--concurrency N] [--api-consumer-concurrency N] [--pool-size N]
  [--log-level info] [--spike-seconds S] [--spike-multiplier X] [--worker-nice 0-19]
  [--reports-dir DIR] [--doc FILE]`;

/** `--quick` is the smoke test's setting: seconds, not minutes, and one repetition. */
export function parseBenchOptions(argv: string[], root: string): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string' },
      repetitions: { type: 'string' },
      quick: { type: 'boolean', default: false },
      phases: { type: 'string' },
      'pipeline-variants': { type: 'string' },
      'no-floors': { type: 'boolean', default: false },
      order: { type: 'string' },
      seed: { type: 'string' },
      connections: { type: 'string' },
      concurrency: { type: 'string' },
      'api-consumer-concurrency': { type: 'string' },
      'pool-size': { type: 'string' },
      'log-level': { type: 'string', default: 'info' },
      'spike-seconds': { type: 'string' },
      'spike-multiplier': { type: 'string' },
      'worker-nice': { type: 'string' },
      'reports-dir': { type: 'string' },
      doc: { type: 'string' },
    },
  });
  const quick = values.quick;
  const phases = listOf('phases', values.phases, BENCH_PHASES);
  return {
    durationSeconds: positive('duration', values.duration, quick ? 2 : 20),
    repetitions: positive('repetitions', values.repetitions, quick ? 1 : 3),
    quick,
    phases,
    pipelineVariants: listOf('pipeline-variants', values['pipeline-variants'], PIPELINE_VARIANTS),
    floors: !values['no-floors'],
    order: variantOrder(values.order, values.seed),
    connections: positive('connections', values.connections, quick ? 4 : 32),
    consumerConcurrency: positive('concurrency', values.concurrency, 10),
    apiConsumerConcurrency: positive(
      'api-consumer-concurrency',
      values['api-consumer-concurrency'],
      ORDER_API_CONSUMER_CONCURRENCY,
    ),
    poolSize: positive('pool-size', values['pool-size'], 10),
    logLevel: values['log-level'],
    spike: {
      baselineRate: 5,
      multiplier: positive('spike-multiplier', values['spike-multiplier'], 5),
      seconds: positive('spike-seconds', values['spike-seconds'], quick ? 2 : 60),
      workerNice: niceness(values['worker-nice']),
    },
    reportsDir: path.resolve(root, values['reports-dir'] ?? 'reports'),
    docPath: path.resolve(root, values.doc ?? 'docs/performance.md'),
  };
}

/** `--seed` alone means random; `--order random` without a seed draws one (the report keeps it). */
function variantOrder(kind: string | undefined, seed: string | undefined): VariantOrder {
  if (kind !== undefined && kind !== 'abba' && kind !== 'random') {
    throw new UsageError(`--order must be abba or random, got ${kind}`);
  }
  if (kind === 'abba') {
    if (seed !== undefined) throw new UsageError('--seed shuffles: it needs --order random');
    return { kind: 'abba' };
  }
  if (seed === undefined) {
    return kind === 'random'
      ? { kind: 'random', seed: Math.floor(Math.random() * 2 ** 31) }
      : { kind: 'abba' };
  }
  const value = Number(seed);
  if (!Number.isInteger(value) || value < 0) {
    throw new UsageError(`--seed must be a non-negative integer, got ${seed}`);
  }
  return { kind: 'random', seed: value };
}

function listOf<T extends string>(name: string, raw: string | undefined, known: readonly T[]): T[] {
  if (raw === undefined) return [...known];
  const picked = raw.split(',').map((item) => item.trim());
  const unknown = picked.filter((item) => !(known as readonly string[]).includes(item));
  if (unknown.length > 0) throw new UsageError(`--${name}: unknown ${unknown.join(', ')}`);
  return picked as T[];
}

/** 0 to 19: how far below the API the spike runs the three workers (0: the same priority). */
function niceness(raw: string | undefined): number {
  const value = Number(raw ?? 19);
  if (!Number.isInteger(value) || value < 0 || value > 19) {
    throw new UsageError(`--worker-nice must be an integer from 0 to 19, got ${raw}`);
  }
  return value;
}
