import { runApiRepetition } from './api.scenario';
import { buildBenchReport, loadAverage, type BenchRuns } from './bench-report.builder';
import { BenchEnvironment } from './bench.environment';
import type { BenchOptions, BenchPhase } from './bench.options';
import type { ApiVariant, BenchReport } from './bench-report.types';
import { median } from './bench.stats';
import type { ProcessTuning } from './conveyor.variant';
import { runPipelineRepetition } from './pipeline.scenario';
import { runSpikeRepetition, type SpikeRates } from './spike.scenario';

const API_VARIANTS: ApiVariant[] = ['conveyor', 'bare'];

/**
 * The whole benchmark in one run on one machine: each figure's variants take turns (A, B, A, B,
 * ...) so a slow minute of the machine hurts all of them alike, and the medians are compared.
 */
export async function runBenchmark(
  options: BenchOptions,
  command: string,
  log: (line: string) => void,
): Promise<BenchReport> {
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = loadAverage();
  const env = await BenchEnvironment.start(log);
  let runs: BenchRuns;
  try {
    runs = await runPhases(env, options, log);
  } finally {
    await env.stop();
  }
  const postgresMode = env.postgresMode;
  return buildBenchReport({ options, command, startedAt, loadAverageAtStart, postgresMode, runs });
}

async function runPhases(
  env: BenchEnvironment,
  options: BenchOptions,
  log: (line: string) => void,
) {
  const tuning: ProcessTuning = {
    consumerConcurrency: options.consumerConcurrency,
    apiConsumerConcurrency: options.apiConsumerConcurrency,
    poolSize: options.poolSize,
    logLevel: options.logLevel,
  };
  const runs: BenchRuns = { api: [], pipeline: [], spike: [], warnings: [] };
  const repetitions = (phase: BenchPhase) =>
    options.phases.includes(phase)
      ? Array.from({ length: options.repetitions }, (_, i) => i + 1)
      : [];
  for (const repetition of repetitions('api')) {
    for (const variant of API_VARIANTS) {
      const run = await runApiRepetition(env, variant, repetition, options, tuning);
      log(
        `api ${variant} #${repetition}: ${run.acceptedPerSecond} accepted/s, p99 ${run.latencyMs.p99} ms`,
      );
      runs.api.push(run);
    }
  }
  for (const repetition of repetitions('pipeline')) {
    for (const variant of options.pipelineVariants) {
      const run = await runPipelineRepetition(env, variant, repetition, options, tuning);
      log(
        `pipeline ${variant} #${repetition}: ${run.ordersPerSecond} orders/s, ${run.sqsCallsPerOrder} SQS calls/order`,
      );
      runs.pipeline.push(run);
    }
  }
  const rates = spikeRates(options, runs);
  for (const repetition of repetitions('spike')) {
    const run = await runSpikeRepetition(env, repetition, rates, tuning);
    log(
      `spike #${repetition}: p99 ${run.baselineP99Ms} -> ${run.spikeP99Ms} ms, drain ${run.drainSeconds} s`,
    );
    runs.spike.push(run);
  }
  return runs;
}

/** The spike's peak: a multiple of what the pipeline sustained, below what the API alone took. */
function spikeRates(options: BenchOptions, runs: BenchRuns): SpikeRates {
  const conveyor = <T extends { variant: string }>(list: T[]) =>
    list.filter((run) => run.variant === 'conveyor');
  const sustained = median(conveyor(runs.pipeline).map((run) => run.ordersPerSecond));
  const apiLimit = median(conveyor(runs.api).map((run) => run.acceptedPerSecond));
  const { seconds: spikeSeconds, workerNice, multiplier } = options.spike;
  if (!Number.isFinite(sustained)) {
    const peakRate = options.quick ? 20 : 100;
    return { baselineRate: options.spike.baselineRate, peakRate, spikeSeconds, workerNice };
  }
  let peakRate = Math.round(sustained * multiplier);
  if (Number.isFinite(apiLimit) && peakRate > apiLimit * 0.8) peakRate = Math.round(apiLimit * 0.8);
  if (peakRate <= sustained) {
    runs.warnings.push(
      `The spike (${peakRate}/s) is not above what the pipeline sustains (${sustained}/s): the API is the limit.`,
    );
  }
  const baselineRate = Math.max(1, Math.min(options.spike.baselineRate, Math.round(sustained / 4)));
  return { baselineRate, peakRate, spikeSeconds, workerNice };
}
