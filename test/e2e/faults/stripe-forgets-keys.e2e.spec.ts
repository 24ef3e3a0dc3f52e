import { randomUUID } from 'node:crypto';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { StripeEmulatorControl } from '@conveyor/stripe-emulator';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { expectInvariants } from '../../support/invariants';
import {
  paymentIntentsOf,
  waitForOrderStatus,
  withDeadline,
} from '../../support/order-pipeline.probe';
import { absorbAbandonedPolls, sqsClientFor } from '../../support/queue-messages.probe';
import { idOf } from '../../support/saga-pipeline.probe';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

jest.setTimeout(180_000);

const env = testEnvironment();
const CREATE = 'POST /v1/payment_intents';
const SEARCH = 'GET /v1/payment_intents/search';
const FAILPOINT = 'payment-authorize:after-stripe-before-commit';
const TWENTY_FIVE_HOURS = 25 * 60 * 60;

/**
 * R18: the worker authorizes at Stripe and dies before recording it; by the time SQS redelivers
 * the request, Stripe has forgotten the idempotency key (its clock moved on 25 hours). The same
 * key would now make a second authorization, so the worker must find the first one by the
 * order's metadata and reuse it.
 */
describe('R18: a payment request redriven after Stripe forgot its key authorizes once', () => {
  let e2e: E2eStack;
  let sqs: SQSClient;
  const control = new StripeEmulatorControl(env.CONVEYOR_TEST_STRIPE_URL);
  const requestId = randomUUID();

  beforeAll(async () => {
    sqs = sqsClientFor(env.CONVEYOR_TEST_SQS_ENDPOINT);
    e2e = await startE2eStack({
      label: 'forgets-keys',
      extraEnv: { 'payment-worker': { CONVEYOR_FAILPOINTS: `${FAILPOINT}@${requestId}` } },
    });
  });

  afterAll(async () => {
    await e2e?.stop();
    sqs?.destroy();
    // The emulator is shared by the files that follow: its clock cannot go back, so forget this
    // file's state and its 25 hours, or their PaymentIntents would sort after every later one.
    await control.reset();
  });

  it('reuses the PaymentIntent the dead attempt made: one authorization, one capture', async () => {
    const sku = uniqueSku('forgets');
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 2100, stock: 3 }]);
    const token = await e2e.token('forgets-customer');
    const before = (await control.stats()).requests;

    const placed = await e2e.api.placeOrder(token, [{ sku, quantity: 1 }], { requestId });
    expect(placed.status).toBe(202);
    const orderId = idOf(placed);

    const worker = e2e.stack.service('payment-worker');
    await withDeadline(worker.exited, 60_000, `payment-worker to die at ${FAILPOINT}`);
    const [first] = await paymentIntentsOf(env.CONVEYOR_TEST_STRIPE_URL, orderId);
    expect(first).toMatchObject({ status: 'requires_capture' });

    // A day passes at Stripe: the key `conveyor-authorize-<order>` is forgotten.
    await control.advanceClock(TWENTY_FIVE_HOURS);
    await absorbAbandonedPolls(sqs, e2e.directory.payments.workUrl);
    await e2e.stack.restart('payment-worker', { extraEnv: {} });

    // SQS redelivers once the dead attempt's visibility timeout (60 s on payments) runs out.
    await waitForOrderStatus(e2e, token, orderId, 'SHIPPED', 150_000);
    const intents = await paymentIntentsOf(env.CONVEYOR_TEST_STRIPE_URL, orderId);
    expect(intents).toEqual([
      expect.objectContaining({ id: first.id, status: 'succeeded', captureCount: 1 }),
    ]);
    const requests = (await control.stats()).requests;
    const delta = (route: string) => (requests[route] ?? 0) - (before[route] ?? 0);
    console.log(
      `R18: creates ${delta(CREATE)}, searches ${delta(SEARCH)} for one order across the crash`,
    );
    expect(delta(CREATE)).toBe(1);
    expect(delta(SEARCH)).toBeGreaterThanOrEqual(2);

    expect((await control.clock()).offsetSeconds).toBeGreaterThanOrEqual(TWENTY_FIVE_HOURS);
    await expectInvariants({
      databaseUrl: env.CONVEYOR_TEST_DATABASE_URL,
      stripeUrl: env.CONVEYOR_TEST_STRIPE_URL,
      sqsEndpoint: env.CONVEYOR_TEST_SQS_ENDPOINT,
      directory: e2e.directory,
      orderIds: [orderId],
      skus: [{ sku, initial: 3 }],
    });
  });
});
