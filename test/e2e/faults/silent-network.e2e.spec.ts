import { CONVEYOR_APPS, waitFor } from '@conveyor/dev-stack';
import type { E2eStack } from '../../support/e2e-stack';
import { expectInvariants } from '../../support/invariants';
import { startNetworkFaultStack, type NetworkFaultStack } from '../../support/network-fault.stack';
import {
  expectServiceUnavailable,
  isRunning,
  readinessOf,
  waitForOrderStatus,
  withDeadline,
} from '../../support/order-pipeline.probe';
import { pidsOf, reportMeasured, waitForOutboxesDrained } from '../../support/outage.probe';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

const env = testEnvironment();
const DB = env.CONVEYOR_TEST_DATABASE_URL;
const STOCK = 30;
/** Shorter than the defaults so the test is quick; the apps read them from their config. */
const TIMEOUTS = {
  DATABASE_CONNECT_TIMEOUT_MS: '2000',
  DATABASE_STATEMENT_TIMEOUT_MS: '3000',
  DATABASE_QUERY_TIMEOUT_MS: '4000',
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '8000',
  SQS_CONNECT_TIMEOUT_MS: '2000',
  SQS_REQUEST_TIMEOUT_MS: '4000',
  READINESS_CHECK_TIMEOUT_MS: '2000',
};
/** The longest any one call may take with these settings, and then some: no answer by then is a hang. */
const ANSWER_DEADLINE_MS = 30_000;

/**
 * R12: PostgreSQL, then SQS, silently unreachable (a proxy that accepts and forwards nothing,
 * and whose silenced connections stay dead afterwards) with every app running. Every call ends on
 * its own timeout: readiness goes red and green again, requests get answers, the pool recovers,
 * and no order is lost.
 */
describe('faults R12: PostgreSQL and SQS silently unreachable', () => {
  let faults: NetworkFaultStack;
  let e2e: E2eStack;
  let token: string;
  const sku = uniqueSku('r12');
  const orderIds: string[] = [];

  beforeAll(async () => {
    faults = await startNetworkFaultStack('silent', TIMEOUTS);
    e2e = faults.e2e;
    await seedProducts(DB, [{ sku, priceCents: 510, stock: STOCK }]);
    token = await e2e.token('r12-customer');
  }, 90_000);

  afterAll(() => faults?.stop(), 60_000);

  const place = () => e2e.api.placeOrder(token, [{ sku, quantity: 1 }]);

  async function readinessOfAll(status: number, description: string): Promise<number> {
    const started = Date.now();
    for (const app of CONVEYOR_APPS) {
      await waitFor(async () => (await readinessOf(e2e, app)) === status, {
        timeoutMs: 60_000,
        intervalMs: 500,
        description: `${app} ${description}`,
      });
    }
    return Date.now() - started;
  }

  it('PostgreSQL silent: 503 within the timeouts, readiness red then green, the pool recovers', async () => {
    const before = await Promise.all(Array.from({ length: 5 }, place));
    orderIds.push(...before.map((response) => response.body.id as string));
    const pids = pidsOf(e2e);

    await faults.database.inject({ kind: 'blackhole' });
    reportMeasured('R12 database: readiness red after (ms)', await readinessOfAll(503, 'red'));
    for (let round = 1; round <= 3; round++) {
      const started = Date.now();
      const answer = await withDeadline(place(), ANSWER_DEADLINE_MS, `POST /orders ${round}`);
      reportMeasured(
        `R12 database: POST /orders answered in (ms), round ${round}`,
        Date.now() - started,
      );
      expectServiceUnavailable(answer);
    }

    await faults.database.restore();
    reportMeasured('R12 database: readiness green after (ms)', await readinessOfAll(200, 'green'));
    // Pooled connections the outage silenced stay dead: each is discarded at its first timeout,
    // so within a few rounds every request is served again, never a pool stuck for good.
    const recovered = Date.now();
    await waitFor(
      async () => {
        const answers = await Promise.all(Array.from({ length: 12 }, () => readAnOrder()));
        return answers.every((status) => status === 200);
      },
      { timeoutMs: 60_000, intervalMs: 500, description: '12 requests in a row to be served' },
    );
    reportMeasured(
      'R12 database: every pooled connection healthy after (ms)',
      Date.now() - recovered,
    );
    const after = await Promise.all(Array.from({ length: 5 }, place));
    expect(after.map((response) => response.status)).toEqual(Array(5).fill(202));
    orderIds.push(...after.map((response) => response.body.id as string));
    expect(pidsOf(e2e)).toEqual(pids);
  }, 180_000);

  it('SQS silent: orders still accepted, readiness red then green, outboxes drain', async () => {
    await faults.sqs.inject({ kind: 'blackhole' });
    reportMeasured('R12 sqs: readiness red after (ms)', await readinessOfAll(503, 'red'));
    const during = await Promise.all(
      Array.from({ length: 5 }, () => withDeadline(place(), ANSWER_DEADLINE_MS, 'POST /orders')),
    );
    expect(during.map((response) => response.status)).toEqual(Array(5).fill(202));
    orderIds.push(...during.map((response) => response.body.id as string));
    for (const app of CONVEYOR_APPS) expect(isRunning(e2e.stack.service(app))).toBe(true);

    await faults.sqs.restore();
    reportMeasured('R12 sqs: readiness green after (ms)', await readinessOfAll(200, 'green'));
    reportMeasured(
      'R12 sqs: outboxes drained after (ms)',
      await waitForOutboxesDrained(DB, 90_000),
    );
  }, 180_000);

  it('loses no order: every one ships once and the invariants hold', async () => {
    for (const id of orderIds) await waitForOrderStatus(e2e, token, id, 'SHIPPED', 120_000);
    await expectInvariants({
      databaseUrl: DB,
      stripeUrl: env.CONVEYOR_TEST_STRIPE_URL,
      sqsEndpoint: env.CONVEYOR_TEST_SQS_ENDPOINT,
      directory: e2e.directory,
      orderIds,
      skus: [{ sku, initial: STOCK }],
    });
  }, 180_000);

  async function readAnOrder(): Promise<number> {
    return (await e2e.api.getOrder(token, orderIds[0])).status;
  }
});
