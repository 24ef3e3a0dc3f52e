import { setTimeout as sleep } from 'node:timers/promises';
import { CONVEYOR_APPS, waitFor } from '@conveyor/dev-stack';
import { newRunTag } from './bench.catalog';
import type { BenchEnvironment } from './bench.environment';
import type { BenchOptions } from './bench.options';
import type { PipelineRun, PipelineVariant } from './bench-report.types';
import { round } from './bench.stats';
import { startBare } from './bare.variant';
import { startConveyor, type ProcessTuning } from './conveyor.variant';
import { waitUntilAccounted } from './order.accounting';
import { PipelineSeeder } from './pipeline.seeder';
import { cpuMsPerOrder } from './process-cpu.sampler';
import { warmupSeconds } from './api.scenario';
import { diffCounts } from './sqs-call-counter.process';
import { callsPerOrder, totalPerOrder } from './sqs-calls.per-order';
import { PipelineBacklogFeeder, pipelineProgress } from './pipeline-backlog.feeder';
import { settleRepetition, waitUntilDrained, type Leftovers } from './repetition.drain';
import { postgresCost } from './postgres-cost.per-order';

const DRAIN_TIMEOUT_MS = 180_000;
/** After every order shipped, for its last messages (fulfilments, stock levels) to be handled. */
const LEFTOVER_TIMEOUT_MS = 60_000;
const WARM_UP_TIMEOUT_MS = 120_000;

/**
 * Figures 2 to 4, one repetition of one variant: the workers kept busy by a backlog of orders
 * that is topped up as they ship, so the rate measured in the window is the pipeline's steady
 * rate; the SQS calls the emulator answered in the same window are counted per order.
 * Afterwards every seeded order must reach SHIPPED, and every queue and outbox must empty before
 * the processes stop, so that nothing of this repetition is handled in the next one's window.
 */
export async function runPipelineRepetition(
  env: BenchEnvironment,
  variant: PipelineVariant,
  repetition: number,
  options: BenchOptions,
  tuning: ProcessTuning,
): Promise<PipelineRun> {
  const mode = variant === 'conveyor-fifo' ? 'fifo' : 'standard';
  const prefix = `bench-pipe-${variant}-`;
  const countersBefore = await env.counters.read();
  const running =
    variant === 'bare'
      ? await startBare(env, { prefix, api: false, workers: true, tuning })
      : await startConveyor(env, { prefix, mode, apps: CONVEYOR_APPS, tuning });
  const customerId = newRunTag(`pipe-${variant}`);
  const paymentsUrl = running.directory.payments.workUrl;
  const seeder = new PipelineSeeder(env, paymentsUrl, mode, customerId, variant !== 'bare');
  const head = tuning.consumerConcurrency * 3;
  const progress = () => pipelineProgress(env.sql, customerId);
  const feeder = new PipelineBacklogFeeder(seeder, progress, head, head * 10);
  let leftovers: Leftovers | null;
  let measured: Omit<PipelineRun, 'valid' | 'leftovers' | 'postgres'>;
  try {
    feeder.start();
    await warmUp(env, customerId, head, warmupSeconds(options));
    const window = await measureWindow(env, customerId, running.pids, options.durationSeconds);
    await feeder.stop();
    const accounting = await waitUntilAccounted(env.sql, seeder.ids, 'SHIPPED', DRAIN_TIMEOUT_MS);
    leftovers = await waitUntilDrained(env, running.directory, LEFTOVER_TIMEOUT_MS);
    measured = { variant, repetition, ...window, accounting };
  } finally {
    await feeder.stop();
    await running.stop();
  }
  const countersAfter = await env.counters.readAfterSessionsEnd();
  const validity = await settleRepetition(env, running.directory, leftovers);
  // Over the whole repetition, per seeded order: every one of them shipped, or the run failed.
  const postgres = postgresCost(countersBefore, countersAfter, seeder.ids.length, {
    cpu: measured.cpu,
    perSecond: measured.ordersPerSecond,
  });
  return { ...measured, ...validity, postgres };
}

/** The orders shipped, the SQS calls answered and the CPU and memory used in the window. */
async function measureWindow(
  env: BenchEnvironment,
  customerId: string,
  pids: Record<string, number | undefined>,
  durationSeconds: number,
) {
  const meter = env.meter(pids);
  const [first] = await Promise.all([snapshot(env, customerId), meter.start()]);
  await sleep(durationSeconds * 1000);
  const [second, measures] = await Promise.all([snapshot(env, customerId), meter.stop()]);
  const inWindow = second.shipped - first.shipped;
  const perSecond = inWindow / ((second.at - first.at) / 1000);
  const sqs = diffCounts(second.counts, first.counts);
  return {
    ordersPerSecond: round(perSecond, 1),
    shippedInWindow: inWindow,
    sqs,
    sqsCallsPerOrder: round(totalPerOrder(callsPerOrder(sqs, inWindow)), 2),
    cpu: measures.cpu,
    cpuMsPerOrder: cpuMsPerOrder(measures.cpu, perSecond),
    memory: measures.memory,
  };
}

/** The rate is steady once orders have been shipping for a while, not when the first one ships. */
async function warmUp(
  env: BenchEnvironment,
  customerId: string,
  target: number,
  minimumSeconds: number,
) {
  const started = performance.now();
  await waitFor(async () => (await pipelineProgress(env.sql, customerId)).shipped >= target, {
    timeoutMs: WARM_UP_TIMEOUT_MS,
    intervalMs: 200,
    description: `${target} orders to ship while warming up`,
  });
  const left = minimumSeconds * 1000 - (performance.now() - started);
  if (left > 0) await sleep(left);
}

async function snapshot(env: BenchEnvironment, customerId: string) {
  const [progress, counts] = await Promise.all([
    pipelineProgress(env.sql, customerId),
    env.sqsEmulator.counts(),
  ]);
  return { shipped: progress.shipped, counts, at: performance.now() };
}
