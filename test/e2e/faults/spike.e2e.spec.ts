import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { expectInvariants } from '../../support/invariants';
import { idOf, waitForOrdersSettled } from '../../support/saga-pipeline.probe';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

jest.setTimeout(180_000);

const env = testEnvironment();
/** Per customer and minute: every spike customer runs far past it. */
const RATE_LIMIT = 5;
const SPIKE_CUSTOMERS = 40;
const SPIKE_PER_CUSTOMER = 30;
/**
 * One message at a time per worker: a deployment sized for a quiet day, so that one test client
 * on this machine can offer ten times what the pipeline drains (with the default of 10 in flight
 * the pipeline drains faster than one client can send ten times over).
 */
const WORKER_CONCURRENCY = { CONSUMER_CONCURRENCY: '1' };

/**
 * R19: a burst of order requests far above what the pipeline drains in the same time (offered
 * rate over drain rate is logged, 10x or more) gets only 202, 429 (over a customer's budget)
 * or 503 (the API shedding what its database pool cannot take), and every accepted order still
 * ends terminal: nothing accepted is lost.
 */
describe('R19: a spike is shed or accepted, never lost', () => {
  let e2e: E2eStack;

  beforeAll(async () => {
    e2e = await startE2eStack({
      label: 'spike',
      extraEnv: {
        'order-api': { RATE_LIMIT_REQUESTS: String(RATE_LIMIT) },
        'payment-worker': WORKER_CONCURRENCY,
        'inventory-worker': WORKER_CONCURRENCY,
        'shipping-worker': WORKER_CONCURRENCY,
      },
    });
  });

  afterAll(() => e2e?.stop());

  const scope = (orderIds: string[], sku: string, initial: number) => ({
    databaseUrl: env.CONVEYOR_TEST_DATABASE_URL,
    stripeUrl: env.CONVEYOR_TEST_STRIPE_URL,
    sqsEndpoint: env.CONVEYOR_TEST_SQS_ENDPOINT,
    directory: e2e.directory,
    orderIds,
    skus: [{ sku, initial }],
  });

  it('R19: a burst gets only 202, 429 or 503, and every accepted order ends terminal', async () => {
    const sku = uniqueSku('spike');
    const stock = SPIKE_CUSTOMERS * SPIKE_PER_CUSTOMER;
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 990, stock }]);
    const tokens = await Promise.all(
      Array.from({ length: SPIKE_CUSTOMERS }, (_, index) => e2e.token(`spike-${index}`)),
    );
    const attempts = tokens.flatMap((token) => Array<string>(SPIKE_PER_CUSTOMER).fill(token));

    const started = Date.now();
    const responses = await Promise.all(
      attempts.map((token) => e2e.api.placeOrder(token, [{ sku, quantity: 1 }])),
    );
    const sentSeconds = (Date.now() - started) / 1000;
    const accepted = responses.filter((response) => response.status === 202).map(idOf);
    const rows = await waitForOrdersSettled(env.CONVEYOR_TEST_DATABASE_URL, accepted, {
      timeoutMs: 150_000,
    });
    const drainedSeconds = (Date.now() - started) / 1000;

    const mix: Record<number, number> = {};
    for (const { status } of responses) mix[status] = (mix[status] ?? 0) + 1;
    console.log(
      [
        `R19 spike: ${attempts.length} POST /orders in ${sentSeconds.toFixed(1)} s ` +
          `(${(attempts.length / sentSeconds).toFixed(0)}/s offered), responses ${JSON.stringify(mix)}`,
        `  ${accepted.length} accepted orders terminal after ${drainedSeconds.toFixed(1)} s ` +
          `(pipeline ${(accepted.length / drainedSeconds).toFixed(1)} orders/s): ` +
          `offered ${(attempts.length / sentSeconds / (accepted.length / drainedSeconds)).toFixed(1)}× the drain rate`,
      ].join('\n'),
    );
    expect(Object.keys(mix).filter((status) => !['202', '429', '503'].includes(status))).toEqual(
      [],
    );
    // Each customer's first RATE_LIMIT orders fit its budget: the burst was accepted, not lost.
    expect(accepted.length).toBeGreaterThanOrEqual(SPIKE_CUSTOMERS * RATE_LIMIT - (mix[503] ?? 0));
    expect(rows.filter((row) => row.status !== 'SHIPPED')).toEqual([]);
    await expectInvariants(scope(accepted, sku, stock), 60_000);
  });
});
