import { readQueueDepth } from '@conveyor/messaging';
import { newRunTag } from './bench.catalog';
import type { BenchEnvironment } from './bench.environment';
import type { BenchOptions } from './bench.options';
import type { ApiRun, ApiVariant } from './bench-report.types';
import { percentile, round } from './bench.stats';
import { startBare } from './bare.variant';
import { runClosedLoop } from './closed-loop.driver';
import { startConveyor, type ProcessTuning } from './conveyor.variant';
import { accountOrders } from './order.accounting';
import { postgresCost } from './postgres-cost.per-order';
import { cpuMsPerOrder } from './process-cpu.sampler';
import { purgeWorkQueues, settleRepetition } from './repetition.drain';

const PREFIX: Record<ApiVariant, string> = { conveyor: 'bench-api-c-', bare: 'bench-api-b-' };

/**
 * Figure 1, one repetition of one variant: the API alone (no worker consumes what it sends),
 * driven closed-loop at full speed. Accepted orders per second in the window, and afterwards
 * every accepted order must be stored and its payment request waiting on the queue; then the
 * queue is emptied and the outbox must be, so the next repetition starts clean. PostgreSQL's
 * counts are taken over the whole repetition, from before the processes start to after they end.
 */
export async function runApiRepetition(
  env: BenchEnvironment,
  variant: ApiVariant,
  repetition: number,
  options: BenchOptions,
  tuning: ProcessTuning,
): Promise<ApiRun> {
  const prefix = PREFIX[variant];
  const countersBefore = await env.counters.read();
  const running =
    variant === 'conveyor'
      ? await startConveyor(env, { prefix, mode: 'standard', apps: ['order-api'], tuning })
      : await startBare(env, { prefix, api: true, workers: false, tuning });
  const paymentsUrl = running.directory.payments.workUrl;
  const queuedBefore = (await readQueueDepth(env.sqs, paymentsUrl)).visible;
  let result: Awaited<ReturnType<typeof runClosedLoop>>;
  try {
    result = await runClosedLoop({
      baseUrl: running.apiUrl,
      runTag: newRunTag(`api-${variant}`),
      connections: options.connections,
      warmupSeconds: warmupSeconds(options),
      durationSeconds: options.durationSeconds,
      meter: env.meter(running.pids),
    });
  } finally {
    // A graceful stop sends whatever the outbox still holds.
    await running.stop();
  }
  const countersAfter = await env.counters.readAfterSessionsEnd();
  const queued = (await readQueueDepth(env.sqs, paymentsUrl)).visible - queuedBefore;
  const accounting = await accountOrders(env.sql, result.acceptedIds);
  const unsent = Math.max(0, result.acceptedIds.length - queued);
  // The payment requests are counted; nobody consumes them, so they go before the next window.
  await purgeWorkQueues(env, running.directory);
  const validity = await settleRepetition(env, running.directory, null);
  const accepted = result.window.acceptedIds.length;
  const perSecond = accepted / result.windowSeconds;
  const { cpu, memory } = result.measures;
  return {
    variant,
    repetition,
    ...validity,
    acceptedPerSecond: round(perSecond, 1),
    statuses: result.window.statuses,
    latencyMs: {
      p50: round(percentile(result.window.latenciesMs, 50), 1),
      p99: round(percentile(result.window.latenciesMs, 99), 1),
    },
    accounting: { ...accounting, missing: accounting.missing + unsent },
    paymentRequestsQueued: queued,
    cpu,
    cpuMsPerOrder: cpuMsPerOrder(cpu, perSecond),
    postgres: postgresCost(countersBefore, countersAfter, result.acceptedIds.length, {
      cpu,
      perSecond,
    }),
    memory,
  };
}

export function warmupSeconds(options: BenchOptions): number {
  return options.quick ? 1 : Math.min(5, Math.max(2, options.durationSeconds / 4));
}
