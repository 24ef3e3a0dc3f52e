import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { ArrivalSchedule } from './arrival.schedule';
import { ConveyorApiClient } from './conveyor-api.client';
import { CustomerTokensPool } from './customer-tokens.pool';
import { buildLoadReport } from './load-report.summary';
import type { LoadPhase, LoadReport, ProcessTarget } from './load-report.types';
import { ProcessMetricsSampler } from './process-metrics.sampler';
import { processReports } from './process-trends.report';
import { LoadSampler, type SampleListener } from './load.sampler';
import { OrderCompletionTracker } from './order-completion.tracker';
import { OrderMixGenerator } from './order-mix.generator';
import { OrderTrafficDriver } from './order-traffic.driver';
import { QueueDepthProbe, type QueueProbeOptions } from './queue-depth.probe';
import { SecondWindowRecorder } from './second-window.recorder';

export interface LoadTestOptions {
  baseUrl: string;
  /** A label for the report (steady, spike, ...); the shape itself is `phases`. */
  profile: string;
  phases: LoadPhase[];
  /** HS256 secret the API verifies customer tokens with. */
  jwtSecret: string;
  /** null: skip queue sampling (no SQS access, e.g. a deployed API behind a firewall). */
  queues: QueueProbeOptions | null;
  customers?: number;
  declineShare?: number;
  /** SKUs to order; default: the whole catalog from GET /products. */
  skus?: string[];
  /** Units added to every SKU through the admin API before the run (0: none). */
  restockUnits?: number;
  connections?: number;
  maxInFlight?: number;
  drainTimeoutSeconds?: number;
  /**
   * The caller's own word that the drain is over, for one that can read the system's database and
   * queues (the benchmark's spike). Without it the drain ends when the completion tracker has seen
   * every order finish and the queues are empty; the tracker reads the API's order list, which
   * after a large backlog finds the last completions minutes late.
   */
  settled?: () => Promise<boolean>;
  /** Called with the id of every accepted order. */
  onAccepted?: (orderId: string) => void;
  /** Admin list pages read per second to follow completions. */
  observerPagesPerSecond?: number;
  seed?: number;
  /** Processes whose memory and open handles are sampled from /metrics (none when empty). */
  processes?: ProcessTarget[];
  /** How often they are sampled. */
  processIntervalSeconds?: number;
  /** Called with every one-second sample, during the load and the drain. */
  onSample?: SampleListener;
}

const STRAGGLER_LOOKUPS = 2_000;

/** Drives a running Conveyor through the phases, waits for the backlog, and reports. */
export async function runLoadTest(options: LoadTestOptions): Promise<LoadReport> {
  const settings: Settings = {
    phases: options.phases,
    customers: options.customers ?? 1000,
    declineShare: options.declineShare ?? 0.1,
    skus: [],
    connections: options.connections ?? 128,
    maxInFlight: options.maxInFlight ?? 2000,
    drainTimeoutSeconds: options.drainTimeoutSeconds ?? 120,
    seed: options.seed ?? Date.now() % 2 ** 31,
  };
  const warnings: string[] = [];
  const api = new ConveyorApiClient({
    baseUrl: options.baseUrl,
    connections: settings.connections,
  });
  const probe = await connectProbe(options.queues, warnings);
  try {
    settings.skus = options.skus ?? (await api.listProducts()).map((product) => product.sku);
    const tokens = await CustomerTokensPool.sign(options.jwtSecret, settings.customers);
    if (options.restockUnits) {
      await restock(api, tokens, settings.skus, options.restockUnits, warnings);
    }
    return await drive(options, { settings, api, probe, tokens, warnings });
  } finally {
    probe?.close();
    await api.close();
  }
}

type Settings = LoadReport['settings'];

interface RunParts {
  settings: Settings;
  api: ConveyorApiClient;
  probe: QueueDepthProbe | null;
  tokens: CustomerTokensPool;
  warnings: string[];
}

async function drive(options: LoadTestOptions, run: RunParts): Promise<LoadReport> {
  const { settings, api, tokens } = run;
  const startedAt = new Date().toISOString();
  const schedule = new ArrivalSchedule(settings.phases);
  const recorder = new SecondWindowRecorder();
  const tracker = new OrderCompletionTracker(api, tokens, options.observerPagesPerSecond ?? 8);
  const sampler = new LoadSampler(recorder, tracker, schedule, run.probe, options.onSample);
  const driver = new OrderTrafficDriver({
    api,
    tokens,
    schedule,
    recorder,
    mix: new OrderMixGenerator(settings),
    maxInFlight: settings.maxInFlight,
    onAccepted: (order) => {
      tracker.add(order.id, order.createdAt);
      options.onAccepted?.(order.id);
    },
  });
  const processSampler = new ProcessMetricsSampler(
    options.processes ?? [],
    options.processIntervalSeconds ?? 10,
  );
  await sampler.start();
  processSampler.start(sampler.startedPerf);
  let drainSeconds: number | null;
  try {
    await driver.run(sampler.startedPerf);
    const settled =
      options.settled ?? (() => Promise.resolve(tracker.backlog === 0 && !sampler.queueDepth()));
    drainSeconds = await waitForDrain(settled, settings.drainTimeoutSeconds);
  } finally {
    await sampler.stop();
  }
  const processes = processReports(await processSampler.stop());
  await tracker.lookUpPending(STRAGGLER_LOOKUPS);
  return buildLoadReport({
    head: { profile: options.profile, startedAt, target: target(options), settings },
    samples: sampler.samples,
    processes,
    originWallMs: sampler.originWallMs,
    recorder,
    orders: tracker.orders.values(),
    depths: { initial: sampler.initialDepths, final: sampler.latestDepths },
    drainSeconds,
    observerErrors: tracker.observerErrors + sampler.probeErrors,
    warnings: run.warnings,
  });
}

/** Seconds until `settled` says the drain is over; null if the deadline came first. */
async function waitForDrain(settled: () => Promise<boolean>, timeoutSeconds: number) {
  const started = performance.now();
  const deadline = started + timeoutSeconds * 1000;
  while (performance.now() < deadline) {
    if (await settled()) return Math.round((performance.now() - started) / 100) / 10;
    // The sweep and the queue probe refresh once a second: checking faster would add nothing.
    await delay(250);
  }
  return null;
}

async function connectProbe(options: QueueProbeOptions | null, warnings: string[]) {
  if (!options) return null;
  try {
    return await QueueDepthProbe.connect(options);
  } catch (error) {
    warnings.push(
      `queue depths not sampled: ${error instanceof Error ? error.message : String(error)}`,
    );
    return null;
  }
}

async function restock(
  api: ConveyorApiClient,
  tokens: CustomerTokensPool,
  skus: string[],
  units: number,
  warnings: string[],
) {
  for (const sku of skus) {
    const answer = await api.restock(tokens.observer(), sku, units);
    if (answer.status !== 202) warnings.push(`restock of ${sku} answered ${answer.status}`);
  }
}

function target(options: LoadTestOptions): LoadReport['target'] {
  return {
    baseUrl: options.baseUrl,
    sqsEndpoint: options.queues ? (options.queues.endpoint ?? 'aws') : null,
    queuePrefix: options.queues?.prefix ?? '',
    queueMode: options.queues?.mode ?? 'standard',
  };
}
