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
import { cpuMsPerOrder } from './process-cpu.sampler';

const PREFIX: Record<ApiVariant, string> = { conveyor: 'bench-api-c-', bare: 'bench-api-b-' };

/**
 * Figure 1, one repetition of one variant: the API alone (no worker consumes what it sends),
 * driven closed-loop at full speed. Accepted orders per second in the window, and afterwards
 * every accepted order must be stored and its payment request waiting on the queue.
 */
export async function runApiRepetition(
  env: BenchEnvironment,
  variant: ApiVariant,
  repetition: number,
  options: BenchOptions,
  tuning: ProcessTuning,
): Promise<ApiRun> {
  const prefix = PREFIX[variant];
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
      cpu: env.cpuSampler(running.pids),
    });
  } finally {
    // A graceful stop sends whatever the outbox still holds.
    await running.stop();
  }
  const queued = (await readQueueDepth(env.sqs, paymentsUrl)).visible - queuedBefore;
  const accounting = await accountOrders(env.sql, result.acceptedIds);
  const unsent = Math.max(0, result.acceptedIds.length - queued);
  return {
    variant,
    repetition,
    acceptedPerSecond: round(result.window.acceptedIds.length / result.windowSeconds, 1),
    statuses: result.window.statuses,
    latencyMs: {
      p50: round(percentile(result.window.latenciesMs, 50), 1),
      p99: round(percentile(result.window.latenciesMs, 99), 1),
    },
    accounting: { ...accounting, missing: accounting.missing + unsent },
    paymentRequestsQueued: queued,
    cpu: result.cpu,
    cpuMsPerOrder: cpuMsPerOrder(
      result.cpu,
      result.window.acceptedIds.length / result.windowSeconds,
    ),
  };
}

export function warmupSeconds(options: BenchOptions): number {
  return options.quick ? 1 : Math.min(5, Math.max(2, options.durationSeconds / 4));
}
