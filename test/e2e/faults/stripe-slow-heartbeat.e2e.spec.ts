import { StripeEmulatorControl } from '@conveyor/stripe-emulator';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { expectInvariants } from '../../support/invariants';
import { paymentIntentsOf } from '../../support/order-pipeline.probe';
import { idOf, metricValue, waitForOrdersSettled } from '../../support/saga-pipeline.probe';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

jest.setTimeout(150_000);

const env = testEnvironment();
/** The payments lease in this test, and Stripe's delay on every request: well above it. */
const VISIBILITY_SECONDS = 3;
const STRIPE_LATENCY_MS = 8_000;
const ORDERS = 3;
const ROUTES = {
  search: 'GET /v1/payment_intents/search',
  create: 'POST /v1/payment_intents',
  capture: 'POST /v1/payment_intents/:id/capture',
};

/**
 * R6: every Stripe answer takes longer than the payments queue's visibility timeout (an
 * authorization, a search then a create, more than five times longer). The consumer's heartbeat
 * renews the lease while the handler waits, so SQS never hands the message to a second consumer:
 * each payment message is received once and each Stripe call made once.
 */
describe('R6: Stripe slower than the visibility timeout, one delivery per message', () => {
  let e2e: E2eStack;
  const control = new StripeEmulatorControl(env.CONVEYOR_TEST_STRIPE_URL);

  beforeAll(async () => {
    e2e = await startE2eStack({
      label: 'slow-stripe',
      extraEnv: {
        'payment-worker': { SQS_VISIBILITY_TIMEOUT_SECONDS: String(VISIBILITY_SECONDS) },
      },
    });
  });

  afterAll(async () => {
    // The emulator is shared by every test file: never leave faults behind.
    await control.setFaults({});
    await e2e?.stop();
  });

  it('ships every order with one receive per payment message and one Stripe call per step', async () => {
    const sku = uniqueSku('slow');
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 1700, stock: 10 }]);
    const token = await e2e.token('slow-customer');
    const before = (await control.stats()).requests;

    await control.setFaults({ latencyMs: STRIPE_LATENCY_MS });
    let ids: string[];
    try {
      const placed = await Promise.all(
        Array.from({ length: ORDERS }, () => e2e.api.placeOrder(token, [{ sku, quantity: 1 }])),
      );
      ids = placed.map(idOf);
      const rows = await waitForOrdersSettled(env.CONVEYOR_TEST_DATABASE_URL, ids, {
        timeoutMs: 120_000,
      });
      expect(rows.map((row) => row.status)).toEqual(Array(ORDERS).fill('SHIPPED'));
    } finally {
      await control.setFaults({});
    }

    const after = (await control.stats()).requests;
    const calls = Object.fromEntries(
      Object.entries(ROUTES).map(([step, route]) => [
        step,
        (after[route] ?? 0) - (before[route] ?? 0),
      ]),
    );
    const receives = await metricValue(e2e, 'payment-worker', 'conveyor_message_receive_count_sum');
    const messages = await metricValue(
      e2e,
      'payment-worker',
      'conveyor_message_receive_count_count',
    );
    console.log(
      `R6: ${ORDERS} orders, Stripe ${STRIPE_LATENCY_MS} ms per request, lease ${VISIBILITY_SECONDS} s: ` +
        `payment messages ${messages}, summed receive counts ${receives}, Stripe calls ${JSON.stringify(calls)}`,
    );
    // Authorization and capture request per order, each on its first and only receive.
    expect(messages).toBe(2 * ORDERS);
    expect(receives).toBe(messages);
    expect(await metricValue(e2e, 'payment-worker', 'conveyor_messages_duplicate_total')).toBe(0);
    expect(calls).toEqual({ search: ORDERS, create: ORDERS, capture: ORDERS });
    for (const id of ids) {
      expect(await paymentIntentsOf(env.CONVEYOR_TEST_STRIPE_URL, id)).toEqual([
        expect.objectContaining({ status: 'succeeded', captureCount: 1 }),
      ]);
    }
    await expectInvariants({
      databaseUrl: env.CONVEYOR_TEST_DATABASE_URL,
      stripeUrl: env.CONVEYOR_TEST_STRIPE_URL,
      sqsEndpoint: env.CONVEYOR_TEST_SQS_ENDPOINT,
      directory: e2e.directory,
      orderIds: ids,
      skus: [{ sku, initial: 10 }],
    });
  });
});
