import { CONVEYOR_APPS, type ConveyorApp, waitFor } from '@conveyor/dev-stack';
import { receiveErrorDelayMs } from '@conveyor/messaging';
import type { E2eStack } from './e2e-stack';
import { scrapeMetrics } from './metrics-scrape';
import { outboxBacklog } from './order-pipeline.probe';

export const SERVICE_SCHEMAS = ['orders', 'payments', 'inventory', 'shipping'] as const;

/** Failed ReceiveMessage calls of an app's consumer so far (conveyor_receive_errors_total). */
export async function receiveErrorsOf(e2e: E2eStack, app: ConveyorApp): Promise<number> {
  const scrape = await scrapeMetrics(e2e.ports[app]);
  return scrape.samples
    .filter((sample) => sample.name === 'conveyor_receive_errors_total')
    .reduce((sum, sample) => sum + sample.value, 0);
}

export async function receiveErrorsOfAll(e2e: E2eStack): Promise<Record<ConveyorApp, number>> {
  const counts = {} as Record<ConveyorApp, number>;
  for (const app of CONVEYOR_APPS) counts[app] = await receiveErrorsOf(e2e, app);
  return counts;
}

/**
 * The most failed receives a consumer's backoff allows within `elapsedMs` of an outage: one at
 * once, then one after each of the shortest pauses the schedule can draw (its jitter at zero),
 * plus the long poll the outage cut. Any count above it means the consumer did not back off.
 */
export function receiveAttemptsAllowed(elapsedMs: number): number {
  let attempts = 1;
  let at = 0;
  for (;;) {
    at += receiveErrorDelayMs(attempts, () => 0);
    if (at > elapsedMs) return attempts + 1;
    attempts += 1;
  }
}

/** The process id of every running app: the same ids later mean none of them restarted. */
export function pidsOf(e2e: E2eStack): Record<ConveyorApp, number | undefined> {
  const pids = {} as Record<ConveyorApp, number | undefined>;
  for (const app of CONVEYOR_APPS) pids[app] = e2e.stack.service(app).child.pid;
  return pids;
}

/** Polls until every service's outbox is empty; returns how long that took. */
export async function waitForOutboxesDrained(databaseUrl: string, timeoutMs: number) {
  const started = Date.now();
  await waitFor(
    async () => {
      for (const schema of SERVICE_SCHEMAS) {
        if ((await outboxBacklog(databaseUrl, schema)) > 0) return false;
      }
      return true;
    },
    { timeoutMs, intervalMs: 250, description: 'every outbox to drain' },
  );
  return Date.now() - started;
}

/** A figure for docs/reliability.md, printed with the test's output (never asserted). */
export function reportMeasured(what: string, value: unknown): void {
  process.stdout.write(`[measured] ${what}: ${JSON.stringify(value)}\n`);
}
