import type { SQSClient } from '@aws-sdk/client-sqs';
import Stripe from 'stripe';
import { waitFor } from '@conveyor/dev-stack';
import { StripeEmulatorControl } from '@conveyor/stripe-emulator';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { checkInvariants } from '../../support/invariants';
import { paymentIntentsOf } from '../../support/order-pipeline.probe';
import { sqsClientFor } from '../../support/queue-messages.probe';
import { idOf, metricValue, peekVisible } from '../../support/saga-pipeline.probe';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

jest.setTimeout(150_000);

const env = testEnvironment();
const CREATE = 'POST /v1/payment_intents';

/**
 * R16: Stripe already holds the worker's idempotency key for an order with other parameters, so
 * it answers `idempotency_error`. The worker must dead-letter the request at once, labelled
 * `stripe-idempotency-mismatch`, count it, and never retry under a key of its own invention.
 */
describe('R16: Stripe idempotency_error dead-letters the payment request', () => {
  let e2e: E2eStack;
  let sqs: SQSClient;
  const control = new StripeEmulatorControl(env.CONVEYOR_TEST_STRIPE_URL);

  beforeAll(async () => {
    sqs = sqsClientFor(env.CONVEYOR_TEST_SQS_ENDPOINT);
    // The payment worker starts only once the conflicting key is planted.
    e2e = await startE2eStack({
      label: 'idem-mismatch',
      apps: ['order-api', 'inventory-worker', 'shipping-worker'],
    });
  });

  afterAll(async () => {
    await e2e?.stop();
    sqs?.destroy();
  });

  it('sends the message to the DLQ with the reason, raises the metric, makes no second key', async () => {
    const sku = uniqueSku('idem');
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 1500, stock: 5 }]);
    const token = await e2e.token('idem-customer');
    const placed = await e2e.api.placeOrder(token, [{ sku, quantity: 1 }]);
    expect(placed.status).toBe(202);
    const orderId = idOf(placed);

    // Someone used the worker's key for this order with another amount (and no order metadata).
    const url = new URL(env.CONVEYOR_TEST_STRIPE_URL);
    const stripe = new Stripe('sk_test_conveyor_e2e', {
      host: url.hostname,
      port: Number(url.port),
      protocol: 'http',
    });
    const planted = await stripe.paymentIntents.create(
      { amount: 1, currency: 'eur' },
      { idempotencyKey: `conveyor-authorize-${orderId}` },
    );
    const createsBefore = (await control.stats()).requests[CREATE] ?? 0;

    await e2e.stack.start(['payment-worker']);
    const dlqUrl = e2e.directory.payments.dlqUrl;
    const [dead] = await waitFor(
      async () => {
        const messages = await peekVisible(sqs, dlqUrl);
        return messages.length > 0 ? messages : undefined;
      },
      { timeoutMs: 60_000, description: 'the payment request in the payments DLQ' },
    );
    const reason = dead.MessageAttributes?.['conveyor-poison-reason']?.StringValue ?? '';
    expect(reason).toMatch(/^stripe-idempotency-mismatch: /);
    expect(JSON.parse(dead.Body ?? '{}')).toMatchObject({
      type: 'payment.authorization-requested',
      orderId,
    });
    // Dead-lettered at once: the first delivery, not after the queue's retries.
    expect(dead.Attributes?.ApproximateReceiveCount).toBe('1');
    expect(
      await metricValue(e2e, 'payment-worker', 'conveyor_stripe_idempotency_errors_total'),
    ).toBe(1);
    // One create, under the order's own key; nothing was made for the order.
    expect(((await control.stats()).requests[CREATE] ?? 0) - createsBefore).toBe(1);
    expect(await paymentIntentsOf(env.CONVEYOR_TEST_STRIPE_URL, orderId)).toEqual([]);
    expect((await e2e.api.getOrder(token, orderId)).body.status).toBe('PENDING');

    // The auditor holds the order and its SKU consistent (I1: its message waits in the DLQ) and
    // names the one thing this test planted: a PaymentIntent that belongs to no order (I2).
    const scope = {
      databaseUrl: env.CONVEYOR_TEST_DATABASE_URL,
      stripeUrl: env.CONVEYOR_TEST_STRIPE_URL,
      sqsEndpoint: env.CONVEYOR_TEST_SQS_ENDPOINT,
      directory: e2e.directory,
      orderIds: [orderId],
      skus: [{ sku, initial: 5 }],
    };
    const expected = [`deployment: I2 ${planted.id} (${planted.status}) names no order`];
    let lines: string[] = [];
    await waitFor(
      async () => {
        lines = await checkInvariants(scope);
        return lines.join('\n') === expected.join('\n');
      },
      {
        timeoutMs: 30_000,
        intervalMs: 500,
        description: 'the audit to name only the planted intent',
      },
    ).catch(() => undefined);
    expect(lines).toEqual(expected);
  });
});
