import { CONVEYOR_APPS, waitFor, withPostgresClient } from '@conveyor/dev-stack';
import type { E2eStack } from '../../support/e2e-stack';
import { expectInvariants } from '../../support/invariants';
import { scrapeMetrics } from '../../support/metrics-scrape';
import { startNetworkFaultStack, type NetworkFaultStack } from '../../support/network-fault.stack';
import { waitForOrderStatus, withDeadline } from '../../support/order-pipeline.probe';
import { reportMeasured, waitForOutboxesDrained } from '../../support/outage.probe';
import { sqsClientFor, waitForQueueDrained } from '../../support/queue-messages.probe';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

const env = testEnvironment();
const DB = env.CONVEYOR_TEST_DATABASE_URL;
const STOCK = 30;
const LATENCY_MS = 100;

/**
 * R14: PostgreSQL and SQS slow (every chunk delayed both ways), then SQS cutting each response
 * midway (after the emulator acted on the request) while orders flow. Nothing is lost: every
 * order ships once, the re-sends the cuts cause are absorbed by the inboxes.
 */
describe('faults R14: slow PostgreSQL and SQS, then SQS cutting responses', () => {
  let faults: NetworkFaultStack;
  let e2e: E2eStack;
  let token: string;
  const sku = uniqueSku('r14');
  const orderIds: string[] = [];

  beforeAll(async () => {
    faults = await startNetworkFaultStack('slow', {});
    e2e = faults.e2e;
    await seedProducts(DB, [{ sku, priceCents: 640, stock: STOCK }]);
    token = await e2e.token('r14-customer');
  }, 90_000);

  afterAll(() => faults?.stop(), 60_000);

  const placeFive = async () => {
    const placed = await Promise.all(
      Array.from({ length: 5 }, () =>
        withDeadline(e2e.api.placeOrder(token, [{ sku, quantity: 1 }]), 30_000, 'POST /orders'),
      ),
    );
    expect(placed.map((response) => response.status)).toEqual(Array(5).fill(202));
    const ids = placed.map((response) => response.body.id as string);
    orderIds.push(...ids);
    return ids;
  };

  it(`ships every order while both are ${LATENCY_MS} ms slower per exchange`, async () => {
    await faults.database.inject({ kind: 'latency', ms: LATENCY_MS });
    await faults.sqs.inject({ kind: 'latency', ms: LATENCY_MS });
    const started = Date.now();
    const ids = await placeFive();
    for (const id of ids) await waitForOrderStatus(e2e, token, id, 'SHIPPED', 90_000);
    reportMeasured(
      `R14 five orders shipped with ${LATENCY_MS} ms latency in (ms)`,
      Date.now() - started,
    );
    await faults.database.restore();
    await faults.sqs.restore();
  }, 120_000);

  it('loses nothing while SQS cuts its responses midway', async () => {
    await faults.sqs.inject({ kind: 'cut' });
    const seen = e2e.logs.length;
    const ids = await placeFive();
    // The relay sent, the emulator took the messages, the answers never arrived whole.
    await waitFor(
      () =>
        e2e.logs
          .slice(seen)
          .some((line) => line.startsWith('order-api |') && line.includes('outbox publish failed')),
      { timeoutMs: 30_000, description: 'the relay to fail on a cut response' },
    );
    expect(await outboxRows(ids)).toBe(ids.length);
    await faults.sqs.restore();
    const restored = Date.now();
    for (const id of ids) await waitForOrderStatus(e2e, token, id, 'SHIPPED', 120_000);
    reportMeasured('R14 orders placed during the cuts shipped after (ms)', Date.now() - restored);
    await waitForOutboxesDrained(DB, 30_000);
    // Copies the cut answers left behind (re-sent batches; receives whose answer was lost come
    // back after the visibility timeout) are all handled, and each only counted.
    const sqs = sqsClientFor(env.CONVEYOR_TEST_SQS_ENDPOINT);
    try {
      await waitForQueueDrained(sqs, e2e.directory.payments.workUrl, 120_000);
    } finally {
      sqs.destroy();
    }
    const duplicates = await duplicatesCounted();
    reportMeasured('R14 duplicates absorbed by the inboxes', duplicates);
    expect(duplicates).toBeGreaterThan(0);
  }, 240_000);

  it('keeps the invariants over every order', async () => {
    await expectInvariants({
      databaseUrl: DB,
      stripeUrl: env.CONVEYOR_TEST_STRIPE_URL,
      sqsEndpoint: env.CONVEYOR_TEST_SQS_ENDPOINT,
      directory: e2e.directory,
      orderIds,
      skus: [{ sku, initial: STOCK }],
    });
  }, 60_000);

  async function duplicatesCounted(): Promise<number> {
    let total = 0;
    for (const app of CONVEYOR_APPS) {
      const scrape = await scrapeMetrics(e2e.ports[app]);
      for (const sample of scrape.samples) {
        if (sample.name === 'conveyor_messages_duplicate_total') total += sample.value;
      }
    }
    return total;
  }
});

/** The orders' payment requests the relay has not seen accepted by SQS. */
function outboxRows(orderIds: string[]): Promise<number> {
  return withPostgresClient(DB, async (sql) => {
    const { rows } = await sql.query<{ count: string }>(
      `SELECT count(*) AS count FROM orders.outbox WHERE envelope->>'orderId' = ANY($1::text[])`,
      [orderIds],
    );
    return Number(rows[0].count);
  });
}
