import { runApiRepetition } from './api.scenario';
import type { BenchRuns } from './bench-report.builder';
import type { BenchEnvironment } from './bench.environment';
import type { BenchOptions } from './bench.options';
import type { ApiFloor, ApiVariant, PipelineVariant } from './bench-report.types';
import type { ProcessTuning } from './conveyor.variant';
import { createFloorSchema, dropFloorSchema } from './floor-order.sql';
import { runApiFloorRepetition, runSqsFloorRepetition } from './floor.scenario';
import type { PgbenchLocation } from './pgbench.floor';
import { runPipelineRepetition } from './pipeline.scenario';
import type { Leftovers } from './repetition.drain';
import { describeSchedule, phaseSalt, variantSchedule } from './variant-order.schedule';

type ApiTurn = ApiVariant | ApiFloor;
type PipelineTurn = PipelineVariant | 'sqs-floor';

/** What every phase works with, and the runs it adds to. */
export interface PhaseContext {
  env: BenchEnvironment;
  options: BenchOptions;
  tuning: ProcessTuning;
  pgbench: PgbenchLocation;
  runs: BenchRuns;
  log: (line: string) => void;
}

/** Figure 1 with its floors (pgbench, one round trip) in their turns, on the floor schema. */
export async function runApiPhase(context: PhaseContext): Promise<void> {
  const { env, options, pgbench, runs, log } = context;
  const variants: ApiTurn[] = ['conveyor', 'bare'];
  if (options.floors) {
    if (pgbench.path !== null) variants.push('pgbench');
    else runs.unavailable.pgbench = pgbench.reason;
    variants.push('pg-one-round-trip');
    await createFloorSchema(env.sql);
  }
  const schedule = variantSchedule(variants, options.repetitions, options.order, phaseSalt('api'));
  runs.order.api = schedule;
  log(`api order: ${describeSchedule(options.order, schedule)}`);
  try {
    for (const [index, turn] of schedule.entries()) {
      for (const variant of turn) await runApiTurn(context, variant, index + 1);
    }
  } finally {
    if (options.floors) await dropFloorSchema(env.sql);
  }
}

async function runApiTurn(context: PhaseContext, variant: ApiTurn, repetition: number) {
  const { env, options, runs, log } = context;
  if (variant === 'conveyor' || variant === 'bare') {
    const run = await runApiRepetition(env, variant, repetition, options, context.tuning);
    const p99 = run.latencyMs.p99;
    log(
      `api ${variant} #${repetition}: ${run.acceptedPerSecond} accepted/s, p99 ${p99} ms${validity(run)}`,
    );
    runs.api.push(run);
    return;
  }
  try {
    const run = await runApiFloorRepetition(
      env,
      variant,
      repetition,
      options,
      context.pgbench.path,
    );
    const cpu = run.postgres?.cpuMsPerOrder ?? '?';
    log(
      `api floor ${variant} #${repetition}: ${run.transactionsPerSecond} orders/s, PostgreSQL CPU ${cpu} ms each`,
    );
    runs.apiFloors.push(run);
  } catch (error) {
    // A floor is a yardstick, not the system under test: its failure is reported, not fatal.
    const message = error instanceof Error ? error.message : String(error);
    runs.unavailable[variant] = `failed: ${message.split('\n')[0]}`;
    runs.warnings.push(`The ${variant} floor failed in repetition ${repetition}: ${message}`);
  }
}

/** Figures 2 to 4 with the SQS floor in its turn. */
export async function runPipelinePhase(context: PhaseContext): Promise<void> {
  const { env, options, runs, log } = context;
  const variants: PipelineTurn[] = [...options.pipelineVariants];
  if (options.floors) variants.push('sqs-floor');
  const salt = phaseSalt('pipeline');
  const schedule = variantSchedule(variants, options.repetitions, options.order, salt);
  runs.order.pipeline = schedule;
  log(`pipeline order: ${describeSchedule(options.order, schedule)}`);
  for (const [index, turn] of schedule.entries()) {
    const repetition = index + 1;
    for (const variant of turn) {
      if (variant === 'sqs-floor') {
        const run = await runSqsFloorRepetition(env, repetition, options);
        log(
          `pipeline floor sqs #${repetition}: ${run.callsPerSecond} calls/s, ${run.ordersPerSecond} orders/s`,
        );
        runs.sqsFloors.push(run);
        continue;
      }
      const run = await runPipelineRepetition(env, variant, repetition, options, context.tuning);
      const calls = `${run.sqsCallsPerOrder} SQS calls/order`;
      log(
        `pipeline ${variant} #${repetition}: ${run.ordersPerSecond} orders/s, ${calls}${validity(run)}`,
      );
      runs.pipeline.push(run);
    }
  }
}

/** The log's note on a repetition left out for what it left behind. */
export function validity(run: { valid: boolean; leftovers: Leftovers | null }): string {
  if (run.valid) return '';
  const left = run.leftovers;
  return ` (INVALID: left ${left?.messages} messages, ${left?.outboxRows} outbox rows)`;
}
