import { randomUUID } from 'node:crypto';
import { waitFor } from '@conveyor/dev-stack';
import { StripeEmulatorControl } from '@conveyor/stripe-emulator';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { expectInvariants, invariantScopeOf } from '../../support/invariants';
import { newShopper } from '../../support/order-pipeline.fixture';
import {
  paymentIntentsOf,
  paymentRecordOf,
  waitForOrderStatus,
} from '../../support/order-pipeline.probe';
import { emulatorStripe } from '../../support/stripe-webhook.sender';
import { testEnvironment } from '../../support/test-context';

const env = testEnvironment();
const SECRET = `whsec_e2e${randomUUID().replaceAll('-', '')}`;

const payment = (orderId: string) => paymentRecordOf(env.CONVEYOR_TEST_DATABASE_URL, orderId);

/**
 * The Stripe emulator itself signs and sends the events of what happens to a payment, to the order
 * API's endpoint, as Stripe does: the whole way from Stripe to the order's state, with no test
 * code between them.
 */
describe('webhooks sent by the Stripe emulator reach the order (R17)', () => {
  const control = new StripeEmulatorControl(env.CONVEYOR_TEST_STRIPE_URL);
  const stripe = emulatorStripe(env.CONVEYOR_TEST_STRIPE_URL);
  let e2e: E2eStack;

  beforeAll(async () => {
    e2e = await startE2eStack({
      label: 'whemu',
      // No inventory worker: an authorized order waits for its reservation, and can expire.
      apps: ['order-api', 'payment-worker', 'shipping-worker'],
      extraEnv: { 'order-api': { STRIPE_WEBHOOK_SECRET: SECRET } },
    });
    await control.configureWebhooks({
      url: `${e2e.api.baseUrl}/webhooks/stripe`,
      secret: SECRET,
      enabled: true,
      paused: false,
    });
  }, 90_000);

  afterAll(async () => {
    // The emulator is shared by the files that follow: it sends nothing once this one ends.
    await control.configureWebhooks({ enabled: false });
    await e2e?.stop();
  });

  it('an authorization that expires cancels its order, and the stock held for it is freed', async () => {
    const shopper = await newShopper(e2e, 'whexpire', 4);
    const orderId = await shopper.place(2);
    await waitForOrderStatus(e2e, shopper.token, orderId, 'PAYMENT_AUTHORIZED');
    const [intent] = await paymentIntentsOf(env.CONVEYOR_TEST_STRIPE_URL, orderId);

    await control.expirePaymentIntent(intent.id);

    const order = await waitForOrderStatus(e2e, shopper.token, orderId, 'CANCELLED', 60_000);
    expect(order.timeline.map((entry) => entry.reason).filter(Boolean)).toEqual([
      'payment authorization canceled at Stripe (expired)',
      'cancelled: the payment authorization was canceled at Stripe',
    ]);
    expect(await payment(orderId)).toMatchObject({ status: 'CANCELED' });
    await e2e.stack.start(['inventory-worker']);
    await expectInvariants(
      invariantScopeOf(e2e.directory, [orderId], [{ sku: shopper.sku, initial: 4 }]),
      60_000,
    );
    const deliveries = (await control.webhooks()).deliveries.filter(
      (delivery) => delivery.paymentIntent === intent.id,
    );
    expect(deliveries.map((delivery) => delivery.status)).not.toContain('failed');
    expect(deliveries.map((delivery) => delivery.type)).toEqual(
      expect.arrayContaining([
        'payment_intent.amount_capturable_updated',
        'payment_intent.canceled',
      ]),
    );
  });

  it('refunds held back and delivered newest first, and a dispute, are recorded as Stripe has them', async () => {
    const shopper = await newShopper(e2e, 'whrefund', 4);
    const orderId = await shopper.place(2);
    await waitForOrderStatus(e2e, shopper.token, orderId, 'SHIPPED', 60_000);
    const [intent] = await paymentIntentsOf(env.CONVEYOR_TEST_STRIPE_URL, orderId);

    await control.configureWebhooks({ paused: true });
    await stripe.refunds.create({ payment_intent: intent.id, amount: 300 });
    await stripe.refunds.create({ payment_intent: intent.id, amount: 400 });
    await control.flushWebhooks('reverse');
    await control.disputeCharge(intent.id, { reason: 'product_not_received' });

    await waitFor(
      async () => {
        const row = await payment(orderId);
        return Number(row.refunded_cents) === 700 && Number(row.disputes) === 1;
      },
      { timeoutMs: 60_000, description: 'the refunds (700 in all) and the dispute recorded' },
    );
    expect((await e2e.api.getOrder(shopper.token, orderId)).body.status).toBe('SHIPPED');
  });
});
