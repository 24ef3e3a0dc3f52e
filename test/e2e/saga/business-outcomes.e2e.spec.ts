import { StripeEmulatorControl, type EmulatedPaymentIntentView } from '@conveyor/stripe-emulator';
import { waitFor } from '@conveyor/dev-stack';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { expectInvariants } from '../../support/invariants';
import { paymentIntentsOf, waitForOrderStatus } from '../../support/order-pipeline.probe';
import { expectStock, idOf, waitForOrdersSettled } from '../../support/saga-pipeline.probe';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

const env = testEnvironment();
const stripe = new StripeEmulatorControl(env.CONVEYOR_TEST_STRIPE_URL);

describe('business outcomes of the order saga (four apps as real processes)', () => {
  let e2e: E2eStack;

  beforeAll(async () => {
    e2e = await startE2eStack({ label: 'outcomes' });
  });

  afterAll(async () => {
    await e2e?.stop();
  });

  const invariantScope = (orderIds: string[], skus: { sku: string; initial: number }[]) => ({
    databaseUrl: env.CONVEYOR_TEST_DATABASE_URL,
    stripeUrl: env.CONVEYOR_TEST_STRIPE_URL,
    sqsEndpoint: env.CONVEYOR_TEST_SQS_ENDPOINT,
    directory: e2e.directory,
    orderIds,
    skus,
  });

  /** The order's PaymentIntents once they all have `status` (compensations trail the order). */
  const intentsWithStatus = (orderId: string, status: string) =>
    waitFor(
      async () => {
        const intents = await paymentIntentsOf(env.CONVEYOR_TEST_STRIPE_URL, orderId);
        return intents.length > 0 && intents.every((intent) => intent.status === status) && intents;
      },
      { timeoutMs: 30_000, description: `the PaymentIntents of ${orderId} to be ${status}` },
    );

  it.each([
    ['pm_card_chargeDeclined', 'card_declined: generic_decline'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'card_declined: insufficient_funds'],
  ])(
    'ends an order paid with %s PAYMENT_FAILED (%s), nothing captured or reserved',
    async (card, reason) => {
      const sku = uniqueSku('decline');
      await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 1500, stock: 3 }]);
      const token = await e2e.token(`decline-${card}`);

      const placed = await e2e.api.placeOrder(token, [{ sku, quantity: 1 }], {
        paymentMethod: card,
      });
      expect(placed.status).toBe(202);
      const order = await waitForOrderStatus(e2e, token, idOf(placed), 'PAYMENT_FAILED');

      expect(order.failureReason).toBe(reason);
      expect(order.shipment).toBeNull();
      expect(order.timeline.map((entry) => entry.status)).toEqual(['PENDING', 'PAYMENT_FAILED']);
      const intents = await paymentIntentsOf(env.CONVEYOR_TEST_STRIPE_URL, order.id);
      // Stripe keeps the declined attempt as a PaymentIntent waiting for another payment method.
      expect(intents).toEqual([
        expect.objectContaining({
          captureCount: 0,
          amount_received: 0,
          status: 'requires_payment_method',
        }),
      ]);
      await expectStock(env.CONVEYOR_TEST_DATABASE_URL, sku, {
        available: 3,
        reserved: 0,
        shipped: 0,
      });
      await expectInvariants(invariantScope([order.id], [{ sku, initial: 3 }]));
    },
  );

  it('ends an order short of one SKU OUT_OF_STOCK naming that SKU, voids its authorization and reserves nothing', async () => {
    const [plenty, scarce] = [uniqueSku('oos-plenty'), uniqueSku('oos-scarce')];
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [
      { sku: plenty, priceCents: 800, stock: 20 },
      { sku: scarce, priceCents: 1200, stock: 1 },
    ]);
    const token = await e2e.token('out-of-stock');

    const placed = await e2e.api.placeOrder(token, [
      { sku: plenty, quantity: 1 },
      { sku: scarce, quantity: 2 },
    ]);
    const order = await waitForOrderStatus(e2e, token, idOf(placed), 'OUT_OF_STOCK');

    expect(order.failureReason).toBe(`out of stock: ${scarce}`);
    expect(order.timeline.map((entry) => entry.status)).toEqual([
      'PENDING',
      'PAYMENT_AUTHORIZED',
      'OUT_OF_STOCK',
    ]);
    const [intent] = await intentsWithStatus(order.id, 'canceled');
    expect(intent).toMatchObject({ amount: 3200, amount_received: 0, captureCount: 0 });
    expect(intent.cancellation).not.toBeNull();
    await expectStock(env.CONVEYOR_TEST_DATABASE_URL, plenty, {
      available: 20,
      reserved: 0,
      shipped: 0,
    });
    await expectStock(env.CONVEYOR_TEST_DATABASE_URL, scarce, {
      available: 1,
      reserved: 0,
      shipped: 0,
    });
    await expectInvariants(
      invariantScope(
        [order.id],
        [
          { sku: plenty, initial: 20 },
          { sku: scarce, initial: 1 },
        ],
      ),
    );
  });

  it('never oversells: 50 concurrent customers, 10 units → 10 SHIPPED, 40 OUT_OF_STOCK with voided authorizations', async () => {
    const sku = uniqueSku('oversell');
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 4999, stock: 10 }]);
    const tokens = await Promise.all(
      Array.from({ length: 50 }, (_, index) => e2e.token(`oversell-${index}`)),
    );

    const placed = await Promise.all(
      tokens.map((token) => e2e.api.placeOrder(token, [{ sku, quantity: 1 }])),
    );
    expect(placed.map((response) => response.status)).toEqual(Array(50).fill(202));
    const ids = placed.map((response) => idOf(response));
    const rows = await waitForOrdersSettled(env.CONVEYOR_TEST_DATABASE_URL, ids, {
      timeoutMs: 90_000,
    });

    const byStatus = (status: string) => rows.filter((row) => row.status === status);
    expect({
      shipped: byStatus('SHIPPED').length,
      outOfStock: byStatus('OUT_OF_STOCK').length,
    }).toEqual({
      shipped: 10,
      outOfStock: 40,
    });
    for (const row of byStatus('OUT_OF_STOCK'))
      expect(row.failureReason).toBe(`out of stock: ${sku}`);
    await expectStock(env.CONVEYOR_TEST_DATABASE_URL, sku, {
      available: 0,
      reserved: 0,
      shipped: 10,
    });

    const voided = byStatus('OUT_OF_STOCK').map((row) => row.id);
    const intents = await waitFor(
      async () => {
        const all = await stripe.listPaymentIntents();
        const ofVoided = all.filter((intent) => voided.includes(intent.metadata.order_id));
        return (
          ofVoided.length === 40 && ofVoided.every((intent) => intent.status === 'canceled') && all
        );
      },
      { timeoutMs: 30_000, description: '40 voided authorizations to be canceled at Stripe' },
    );
    const shippedIntents: EmulatedPaymentIntentView[] = intents.filter((intent) =>
      byStatus('SHIPPED').some((row) => row.id === intent.metadata.order_id),
    );
    expect(shippedIntents.map((intent) => [intent.status, intent.captureCount])).toEqual(
      Array(10).fill(['succeeded', 1]),
    );
    await expectInvariants(invariantScope(ids, [{ sku, initial: 10 }]));
  });

  it('restocks a sold-out SKU through the admin endpoint; GET /products shows it and it sells again', async () => {
    const sku = uniqueSku('restock');
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 650, stock: 0 }]);
    const admin = await e2e.token('ops', 'admin');

    const restock = await e2e.api.request('POST', `/admin/inventory/${sku}/restock`, {
      token: admin,
      body: { quantity: 25 },
    });
    expect(restock.status).toBe(202);
    expect(restock.body).toEqual({ sku, quantity: 25, status: 'ACCEPTED' });

    const listed = await waitFor(
      async () => {
        const { body } = await e2e.api.request('GET', '/products');
        const product = (body as { sku: string; available: number }[]).find(
          (entry) => entry.sku === sku,
        );
        return product?.available === 25 && product;
      },
      { timeoutMs: 30_000, description: `GET /products to show ${sku} with 25 units` },
    );
    expect(listed).toEqual({ sku, name: sku, priceCents: 650, currency: 'EUR', available: 25 });

    const token = await e2e.token('restock-buyer');
    const placed = await e2e.api.placeOrder(token, [{ sku, quantity: 5 }]);
    await waitForOrderStatus(e2e, token, idOf(placed), 'SHIPPED');
    await expectStock(env.CONVEYOR_TEST_DATABASE_URL, sku, {
      available: 20,
      reserved: 0,
      shipped: 5,
    });
    await expectInvariants(invariantScope([idOf(placed)], [{ sku, initial: 25 }]));
  });
});
