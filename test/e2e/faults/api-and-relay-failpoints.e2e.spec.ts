import { randomUUID } from 'node:crypto';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { failpointKillLine } from '@conveyor/config';
import { waitFor } from '@conveyor/dev-stack';
import { queueConsumedBy } from '@conveyor/messaging';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { expectInvariants } from '../../support/invariants';
import { scrapeMetrics } from '../../support/metrics-scrape';
import {
  outboxBacklog,
  paymentIntentsOf,
  waitForOrderStatus,
  withDeadline,
} from '../../support/order-pipeline.probe';
import { absorbAbandonedPolls, sqsClientFor } from '../../support/queue-messages.probe';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

const env = testEnvironment();
const DB = env.CONVEYOR_TEST_DATABASE_URL;
const STOCK = 10;
const API_FAILPOINT = 'order-api:after-commit-before-response';
const RELAY_FAILPOINT = 'outbox-relay:after-send-before-delete';

/**
 * R4: the order API killed (SIGKILL by a failpoint) after its transaction committed and before
 * it answered, and its outbox relay killed after SQS accepted a batch and before the rows were
 * deleted. Each failpoint is armed for one request id only, so no other order can trip it.
 */
describe('faults R4: the order API and its outbox relay killed mid-way', () => {
  let e2e: E2eStack;
  let sqs: SQSClient;
  let token: string;
  let sku: string;
  const orderIds: string[] = [];
  const apiRequest = randomUUID();
  const relayRequest = randomUUID();

  beforeAll(async () => {
    e2e = await startE2eStack({
      label: 'api-failpoints',
      extraEnv: { 'order-api': { CONVEYOR_FAILPOINTS: `${API_FAILPOINT}@${apiRequest}` } },
    });
    sqs = sqsClientFor(env.CONVEYOR_TEST_SQS_ENDPOINT);
    token = await e2e.token('r4-customer');
    sku = uniqueSku('r4');
    await seedProducts(DB, [{ sku, priceCents: 700, stock: STOCK }]);
  }, 90_000);

  afterAll(async () => {
    sqs?.destroy();
    await e2e?.stop();
  }, 60_000);

  /** Waits for the failpoint's SIGKILL and restarts the API with `failpoints` armed (or none). */
  async function crashAndRestartApi(failpoint: string, failpoints = '') {
    const api = e2e.stack.service('order-api');
    await withDeadline(api.exited, 60_000, `order-api to die at ${failpoint}`);
    expect(api.child.signalCode).toBe('SIGKILL');
    const line = `order-api | ${failpointKillLine(failpoint)}`;
    await waitFor(() => e2e.logs.includes(line), { timeoutMs: 5_000, description: line });
    // The dead API's long poll on its order-events queue would swallow the next event.
    await absorbAbandonedPolls(sqs, e2e.directory[queueConsumedBy('order-api')].workUrl);
    await e2e.stack.restart('order-api', { extraEnv: { CONVEYOR_FAILPOINTS: failpoints } });
  }

  it('killed after the commit: the client retries with the same Idempotency-Key and gets the same order', async () => {
    const key = randomUUID();
    const lost = await e2e.api
      .placeOrder(token, [{ sku, quantity: 1 }], { key, requestId: apiRequest })
      .then(
        (response) => ({ answered: response.status }),
        () => ({ answered: 'no answer' }),
      );
    // The process died before writing its answer: the client saw the connection drop.
    expect(lost).toEqual({ answered: 'no answer' });
    await crashAndRestartApi(API_FAILPOINT, `${RELAY_FAILPOINT}@${relayRequest}`);

    const retried = await e2e.api.placeOrder(token, [{ sku, quantity: 1 }], { key });
    expect(retried.status).toBe(202);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    const listed = await e2e.api.request('GET', '/orders', { token });
    const ids = (listed.body.items as { id: string }[]).map((order) => order.id);
    // One order, the one committed before the crash, whatever the client retried.
    expect(ids).toEqual([retried.body.id]);
    orderIds.push(retried.body.id as string);
    await waitForOrderStatus(e2e, token, retried.body.id as string, 'SHIPPED', 90_000);
  }, 180_000);

  it('relay killed after SQS accepted the message: the re-send after the restart is a counted no-op', async () => {
    const key = randomUUID();
    // The answer normally leaves before the relay's linger ends; if not, the retry below replays.
    await e2e.api
      .placeOrder(token, [{ sku, quantity: 1 }], { key, requestId: relayRequest })
      .catch(() => undefined);
    await crashAndRestartApi(RELAY_FAILPOINT);
    const replay = await e2e.api.placeOrder(token, [{ sku, quantity: 1 }], { key });
    expect(replay.status).toBe(202);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const orderId = replay.body.id as string;
    orderIds.push(orderId);

    await waitForOrderStatus(e2e, token, orderId, 'SHIPPED', 90_000);
    // The restarted relay found the row still there and sent it again; the payment worker's
    // inbox recognised the copy and skipped it.
    await waitFor(async () => (await duplicatesSeenByPaymentWorker()) >= 1, {
      timeoutMs: 60_000,
      description: 'the payment worker to count the re-sent request as a duplicate',
    });
    expect(await outboxBacklog(DB, 'orders', [orderId])).toBe(0);
    const intents = await paymentIntentsOf(env.CONVEYOR_TEST_STRIPE_URL, orderId);
    expect(intents.map((intent) => intent.captureCount)).toEqual([1]);
  }, 180_000);

  it('keeps the saga invariants over both orders', async () => {
    expect(orderIds).toHaveLength(2);
    await expectInvariants({
      databaseUrl: DB,
      stripeUrl: env.CONVEYOR_TEST_STRIPE_URL,
      sqsEndpoint: env.CONVEYOR_TEST_SQS_ENDPOINT,
      directory: e2e.directory,
      orderIds,
      skus: [{ sku, initial: STOCK }],
    });
  }, 60_000);

  async function duplicatesSeenByPaymentWorker(): Promise<number> {
    const scrape = await scrapeMetrics(e2e.ports['payment-worker']);
    return scrape.samples
      .filter(
        (sample) =>
          sample.name === 'conveyor_messages_duplicate_total' &&
          sample.labels.type === 'payment.authorization-requested',
      )
      .reduce((sum, sample) => sum + sample.value, 0);
  }
});
