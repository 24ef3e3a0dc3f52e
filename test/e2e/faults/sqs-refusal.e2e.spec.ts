import type { SQSClient } from '@aws-sdk/client-sqs';
import { CONVEYOR_APPS, waitFor } from '@conveyor/dev-stack';
import { queueConsumedBy } from '@conveyor/messaging';
import { TcpProxy } from '@conveyor/testing';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { expectInvariants } from '../../support/invariants';
import {
  isRunning,
  outboxBacklog,
  readinessOf,
  waitForOrderStatus,
} from '../../support/order-pipeline.probe';
import {
  pidsOf,
  receiveAttemptsAllowed,
  receiveErrorsOfAll,
  reportMeasured,
  waitForOutboxesDrained,
} from '../../support/outage.probe';
import { absorbAbandonedPolls, sqsClientFor } from '../../support/queue-messages.probe';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

const env = testEnvironment();
const DB = env.CONVEYOR_TEST_DATABASE_URL;
const STOCK = 40;
/** The outage lasts at least this long, and until every consumer has failed a few receives. */
const OUTAGE_MS = 10_000;

/**
 * R13 with every app running: SQS refuses connections (a TCP proxy in front of the emulator stops
 * listening) while orders are in flight and more arrive. The API keeps accepting (the outbox),
 * each consumer backs off instead of spinning, nothing restarts, and after SQS returns the
 * outboxes drain and every order ships once.
 */
describe('faults R13: SQS refuses connections with the workers running', () => {
  let proxy: TcpProxy;
  let e2e: E2eStack;
  let sqs: SQSClient;

  beforeAll(async () => {
    proxy = await TcpProxy.start(Number(new URL(env.CONVEYOR_TEST_SQS_ENDPOINT).port));
    e2e = await startE2eStack({
      label: 'sqs-refusal',
      sqsEndpoint: `http://127.0.0.1:${proxy.port}`,
    });
    sqs = sqsClientFor(env.CONVEYOR_TEST_SQS_ENDPOINT);
  }, 90_000);

  afterAll(async () => {
    await proxy?.restore();
    sqs?.destroy();
    await e2e?.stop();
    await proxy?.stop();
  }, 60_000);

  it('backs off, keeps accepting orders, and drains every outbox once SQS is back', async () => {
    const sku = uniqueSku('r13');
    await seedProducts(DB, [{ sku, priceCents: 320, stock: STOCK }]);
    const token = await e2e.token('r13-customer');
    const place = () => e2e.api.placeOrder(token, [{ sku, quantity: 1 }]);
    const inFlight = await Promise.all(Array.from({ length: 5 }, place));
    const pids = pidsOf(e2e);

    const before = await receiveErrorsOfAll(e2e);
    await proxy.refuse();
    const outageStarted = Date.now();
    // The long polls the outage cut are still registered at the emulator and would each swallow
    // a message for a visibility timeout (an emulator limit): absorb them, bypassing the proxy.
    for (const app of CONVEYOR_APPS) {
      await absorbAbandonedPolls(sqs, e2e.directory[queueConsumedBy(app)].workUrl);
    }
    const during = await Promise.all(Array.from({ length: 10 }, place));
    expect(during.map((response) => response.status)).toEqual(Array(10).fill(202));
    const ids = [...inFlight, ...during].map((response) => response.body.id as string);
    expect(await outboxBacklog(DB, 'orders', ids.slice(5))).toBe(10);

    // Hold the outage for OUTAGE_MS and until each consumer has met it a few times.
    const counts = await waitFor(
      async () => {
        const now = await receiveErrorsOfAll(e2e);
        const met = CONVEYOR_APPS.every((app) => now[app] - before[app] >= 3);
        return met && Date.now() - outageStarted >= OUTAGE_MS ? now : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, description: 'every consumer to meet the outage' },
    );
    const elapsedMs = Date.now() - outageStarted;
    const allowed = receiveAttemptsAllowed(elapsedMs);
    const failed = Object.fromEntries(CONVEYOR_APPS.map((app) => [app, counts[app] - before[app]]));
    reportMeasured('R13 outage (ms)', elapsedMs);
    reportMeasured('R13 failed receives per consumer', failed);
    reportMeasured('R13 failed receives allowed by the backoff', allowed);
    // Counts, not timings: more failed receives than the schedule allows would be a spin.
    const spinning = CONVEYOR_APPS.filter((app) => failed[app] > allowed);
    expect(spinning).toEqual([]);
    for (const app of CONVEYOR_APPS) expect(isRunning(e2e.stack.service(app))).toBe(true);
    expect(await readinessOf(e2e, 'order-api')).toBe(503);

    await proxy.restore();
    const drainedMs = await waitForOutboxesDrained(DB, 60_000);
    reportMeasured('R13 outboxes drained after SQS returned (ms)', drainedMs);
    for (const id of ids) await waitForOrderStatus(e2e, token, id, 'SHIPPED', 90_000);
    for (const app of CONVEYOR_APPS) {
      await waitFor(async () => (await readinessOf(e2e, app)) === 200, {
        timeoutMs: 30_000,
        description: `${app} to be ready again`,
      });
    }
    // No app restarted: the same processes rode out the outage.
    expect(pidsOf(e2e)).toEqual(pids);
    await expectInvariants({
      databaseUrl: DB,
      stripeUrl: env.CONVEYOR_TEST_STRIPE_URL,
      sqsEndpoint: env.CONVEYOR_TEST_SQS_ENDPOINT,
      directory: e2e.directory,
      orderIds: ids,
      skus: [{ sku, initial: STOCK }],
    });
  }, 240_000);
});
