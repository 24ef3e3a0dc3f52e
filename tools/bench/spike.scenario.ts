import { CONVEYOR_APPS } from '@conveyor/dev-stack';
import { buildProfile } from '../loadtest/load-profiles.catalog';
import type { LoadReport } from '../loadtest/load-report.types';
import { runLoadTest } from '../loadtest/load-test.runner';
import { benchLoadOptions } from './bench-load.options';
import type { BenchEnvironment } from './bench.environment';
import type { SpikeRun } from './bench-report.types';
import { ratio, round } from './bench.stats';
import { accountOrders } from './order.accounting';
import { pipelineRemaining, SpikeDrainWatch, type DrainOutcome } from './spike-drain.watch';
import { startConveyor, type ProcessTuning } from './conveyor.variant';
import { lowerPipelinePriority } from './pipeline-priority';
import { settleRepetition, waitUntilDrained, type Leftovers } from './repetition.drain';

export interface SpikeRates {
  baselineRate: number;
  peakRate: number;
  /** The spike itself; the quiet stretches before and after it last half as long. */
  spikeSeconds: number;
  /** Niceness of the three workers, standing in for the API's own CPU (see docs/performance.md). */
  workerNice: number;
}

const WORKERS = ['payment-worker', 'inventory-worker', 'shipping-worker'] as const;

const PREFIX = 'bench-spike-';
/** The drain is waited for while it moves (SpikeDrainWatch); this only bounds a crawling one. */
const DRAIN_TIMEOUT_SECONDS = 3_600;
/** Nothing left the pipeline for this long: it is stuck, not slow. */
const DRAIN_STALL_MS = 120_000;
const LEFTOVER_TIMEOUT_MS = 60_000;

/**
 * Figure 5, one repetition: the whole stack first at the quiet rate alone, after a warm-up, for
 * as long as the spike (its p99 is the baseline, its POST-to-SHIPPED times the quiet latency),
 * then the load kit's spike profile with a peak the pipeline cannot keep up with. The API must
 * answer without 5xx and within 3× the baseline p99 while the backlog grows, and the backlog must
 * drain afterwards at about the pipeline's own rate.
 */
export async function runSpikeRepetition(
  env: BenchEnvironment,
  repetition: number,
  rates: SpikeRates,
  tuning: ProcessTuning,
): Promise<SpikeRun> {
  const startedAt = new Date();
  const running = await startConveyor(env, {
    prefix: PREFIX,
    mode: 'standard',
    apps: CONVEYOR_APPS,
    tuning,
  });
  // One 2-core machine holds the API and a saturated pipeline: at the same priority the API
  // gets a sixth of the CPU, where a deployment would give it cores of its own.
  const workers = Object.fromEntries(WORKERS.map((app) => [app, running.pids[app]]));
  const priority = lowerPipelinePriority(env.sql, env.databaseName, workers, rates.workerNice);
  let leftovers: Leftovers | null;
  let measured: Omit<SpikeRun, 'valid' | 'leftovers'>;
  try {
    const accepted: string[] = [];
    const remaining = pipelineRemaining(env, running.directory, startedAt);
    const load = (profile: string, phases: ReturnType<typeof buildProfile>) => {
      const watch = new SpikeDrainWatch(remaining, DRAIN_STALL_MS);
      const report = runLoadTest({
        ...benchLoadOptions(env, {
          baseUrl: running.apiUrl,
          prefix: PREFIX,
          profile,
          phases,
          drainTimeoutSeconds: DRAIN_TIMEOUT_SECONDS,
        }),
        settled: watch.settled,
        onAccepted: (id) => accepted.push(id),
      });
      return report.then((done) => ({ report: done, drain: watch.outcome() }));
    };
    const steady = (durationSeconds: number) =>
      load('steady', buildProfile('steady', { rate: rates.baselineRate, durationSeconds }));
    // Not counted: fresh processes compile their hot paths and open their pools during the first
    // requests, which would otherwise be the slowest few of a short quiet stretch, i.e. its p99.
    await steady(Math.min(5, rates.spikeSeconds));
    const meter = env.meter(running.pids);
    await meter.start();
    const { report: baseline } = await steady(rates.spikeSeconds);
    const quiet = rates.spikeSeconds / 2;
    const spike = await load(
      'spike',
      buildProfile('spike', {
        rate: rates.baselineRate,
        peakRate: rates.peakRate,
        baselineSeconds: quiet,
        spikeSeconds: rates.spikeSeconds,
        recoverySeconds: quiet,
      }),
    );
    const { cpu, memory } = await meter.stop();
    const accounting = await accountOrders(env.sql, accepted, 'SHIPPED');
    measured = { ...toSpikeRun(repetition, rates, baseline, spike), accounting, cpu, memory };
    leftovers = await waitUntilDrained(env, running.directory, LEFTOVER_TIMEOUT_MS);
  } finally {
    await priority.stop();
    await running.stop();
  }
  return { ...measured, ...(await settleRepetition(env, running.directory, leftovers)) };
}

function toSpikeRun(
  repetition: number,
  rates: SpikeRates,
  baseline: LoadReport,
  { report: spike, drain }: { report: LoadReport; drain: DrainOutcome | null },
): Omit<SpikeRun, 'cpu' | 'memory' | 'valid' | 'leftovers' | 'accounting'> {
  const baselineP99 = baseline.summary.apiLatencyMs?.p99 ?? Number.NaN;
  const spikeP99 = spike.summary.apiLatencyMs?.p99 ?? Number.NaN;
  const serverErrors = Object.entries(spike.summary.statusCounts)
    .filter(([status]) => !/^[1-4]\d\d$/.test(status))
    .reduce((sum, [, count]) => sum + count, 0);
  const beforeSpike =
    spike.samples.filter((sample) => sample.phase === 'baseline').at(-1)?.backlog ?? 0;
  const drainSeconds = drain?.seconds ?? null;
  return {
    repetition,
    baselineRate: rates.baselineRate,
    peakRate: rates.peakRate,
    workerNice: rates.workerNice,
    baselineP99Ms: baselineP99,
    spikeP99Ms: spikeP99,
    worstSecondP99Ms: Math.max(
      ...spike.samples.filter((s) => s.phase === 'spike').map((s) => s.apiLatencyMs?.p99 ?? 0),
    ),
    p99Ratio: round(ratio(spikeP99, baselineP99), 2),
    serverErrors,
    statuses: spike.summary.statusCounts,
    peakBacklog: spike.summary.peakBacklog,
    backlogGrewAndDrained: spike.summary.peakBacklog > beforeSpike && drainSeconds !== null,
    drainSeconds: drainSeconds === null ? null : round(drainSeconds, 1),
    drainOrdersPerSecond: drainRate(drain),
    quietEndToEndMs: baseline.summary.endToEndMs && {
      p50: baseline.summary.endToEndMs.p50,
      p99: baseline.summary.endToEndMs.p99,
    },
  };
}

/** The orders the load left unfinished, over the seconds the pipeline took to finish them. */
function drainRate(drain: DrainOutcome | null): number | null {
  if (!drain?.seconds || drain.backlog === 0) return null;
  return round(drain.backlog / drain.seconds, 1);
}
