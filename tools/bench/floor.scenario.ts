import { warmupSeconds } from './api.scenario';
import type { BenchEnvironment } from './bench.environment';
import type { BenchOptions } from './bench.options';
import type { ApiFloor, ApiFloorRun, SqsFloorRun } from './bench-report.types';
import { round } from './bench.stats';
import { runPgbench } from './pgbench.floor';
import { runPgOneRoundTrip } from './pg-one-round-trip.floor';
import { runSqsFloor } from './sqs.floor';
import { MINIMUM_CALLS_PER_ORDER } from './sqs-calls.per-order';
import { postgresCost } from './postgres-cost.per-order';

/**
 * One repetition of an API floor, at the API figure's connections: an accepted order's rows in
 * the floor schema, one statement per order, committed by pgbench (`pgbench` the path of it) or
 * by a minimal `pg` client.
 */
export async function runApiFloorRepetition(
  env: BenchEnvironment,
  floor: ApiFloor,
  repetition: number,
  options: BenchOptions,
  pgbench: string | null,
): Promise<ApiFloorRun> {
  const timing = {
    clients: options.connections,
    warmupSeconds: warmupSeconds(options),
    durationSeconds: options.durationSeconds,
  };
  const before = await env.counters.read();
  const result =
    floor === 'pgbench'
      ? await runPgbench(env, pgbench ?? 'pgbench', timing)
      : await runPgOneRoundTrip(env, timing);
  const after = await env.counters.readAfterSessionsEnd();
  const { cpu, memory } = result.measures;
  const perSecond = result.transactionsPerSecond;
  return {
    floor,
    repetition,
    clients: options.connections,
    transactionsPerSecond: round(perSecond, 1),
    cpu,
    postgres: postgresCost(before, after, result.transactions, { cpu, perSecond }),
    memory,
  };
}

/**
 * One repetition of the SQS floor with as many loops as the pipeline has consumers' batches in
 * flight (four consumers, `concurrency` messages each, ten to a call).
 */
export async function runSqsFloorRepetition(
  env: BenchEnvironment,
  repetition: number,
  options: BenchOptions,
): Promise<SqsFloorRun> {
  const result = await runSqsFloor(env, {
    loops: 4 * Math.max(1, Math.round(options.consumerConcurrency / 10)),
    repetition,
    warmupSeconds: warmupSeconds(options),
    durationSeconds: options.durationSeconds,
  });
  return {
    repetition,
    loops: result.loops,
    callsPerSecond: round(result.callsPerSecond, 1),
    messagesPerSecond: round(result.messagesPerSecond, 1),
    receiveBatch: round(result.receiveBatch, 2),
    ordersPerSecond: round(result.callsPerSecond / MINIMUM_CALLS_PER_ORDER, 1),
    cpu: result.measures.cpu,
  };
}
