import type { SQSClient } from '@aws-sdk/client-sqs';
import { waitForQueueCounts } from '@conveyor/testing';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { expectInvariants } from '../../support/invariants';
import { paymentIntentsOf, waitForOrderStatus } from '../../support/order-pipeline.probe';
import { sqsClientFor } from '../../support/queue-messages.probe';
import { expectStock, idOf, metricValue, purgeQueue } from '../../support/saga-pipeline.probe';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';
import { withPostgresClient } from '@conveyor/dev-stack';

const env = testEnvironment();

describe('the reconciler heals an order whose message was lost', () => {
  let e2e: E2eStack;
  let sqs: SQSClient;

  beforeAll(async () => {
    sqs = sqsClientFor(env.CONVEYOR_TEST_SQS_ENDPOINT);
    e2e = await startE2eStack({
      label: 'reconciler',
      // No inventory worker yet: the reservation request waits on its queue, to be lost there.
      apps: ['order-api', 'payment-worker', 'shipping-worker'],
      extraEnv: {
        'order-api': { RECONCILER_INTERVAL_SECONDS: '1', RECONCILER_STUCK_AFTER_SECONDS: '3' },
      },
    });
  });

  afterAll(async () => {
    await e2e?.stop();
    sqs?.destroy();
  });

  it('re-sends the request of a PAYMENT_AUTHORIZED order after its reservation request was purged, and it ships once', async () => {
    const sku = uniqueSku('reconcile');
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 1999, stock: 6 }]);
    const token = await e2e.token('reconcile');

    const placed = await e2e.api.placeOrder(token, [{ sku, quantity: 2 }]);
    expect(placed.status).toBe(202);
    const orderId: string = idOf(placed);
    await waitForOrderStatus(e2e, token, orderId, 'PAYMENT_AUTHORIZED');
    const inventoryQueue = e2e.directory.inventory.workUrl;
    await waitForQueueCounts(sqs, inventoryQueue, (counts) => counts.visible >= 1, {
      description: 'the reservation request on the inventory queue',
    });
    await purgeQueue(sqs, inventoryQueue);
    expect(await reservationsOf(orderId)).toEqual([]);

    await e2e.stack.start(['inventory-worker']);

    const shipped = await waitForOrderStatus(e2e, token, orderId, 'SHIPPED', 60_000);
    expect(shipped.timeline.map((entry) => entry.status)).toEqual([
      'PENDING',
      'PAYMENT_AUTHORIZED',
      'INVENTORY_RESERVED',
      'SHIPPED',
    ]);
    const intents = await paymentIntentsOf(env.CONVEYOR_TEST_STRIPE_URL, orderId);
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({
      status: 'succeeded',
      amount_received: 3998,
      captureCount: 1,
    });
    await expectStock(env.CONVEYOR_TEST_DATABASE_URL, sku, {
      available: 4,
      reserved: 0,
      shipped: 2,
    });
    expect(await reservationsOf(orderId)).toEqual(['FULFILLED']);
    expect(await reconcileCountOf(orderId)).toBeGreaterThanOrEqual(1);
    expect(
      await metricValue(e2e, 'order-api', 'conveyor_reconciler_resent_total'),
    ).toBeGreaterThanOrEqual(1);
    await expectInvariants({
      databaseUrl: env.CONVEYOR_TEST_DATABASE_URL,
      stripeUrl: env.CONVEYOR_TEST_STRIPE_URL,
      sqsEndpoint: env.CONVEYOR_TEST_SQS_ENDPOINT,
      directory: e2e.directory,
      orderIds: [orderId],
      skus: [{ sku, initial: 6 }],
    });
  });
});

/** The inventory worker's reservation rows for an order: one decision, however many requests. */
function reservationsOf(orderId: string): Promise<string[]> {
  return withPostgresClient(env.CONVEYOR_TEST_DATABASE_URL, async (sql) => {
    const { rows } = await sql.query<{ status: string }>(
      'SELECT status FROM inventory.reservations WHERE order_id = $1',
      [orderId],
    );
    return rows.map((row) => row.status);
  });
}

function reconcileCountOf(orderId: string): Promise<number> {
  return withPostgresClient(env.CONVEYOR_TEST_DATABASE_URL, async (sql) => {
    const { rows } = await sql.query<{ reconcile_count: number }>(
      'SELECT reconcile_count FROM orders.orders WHERE id = $1',
      [orderId],
    );
    return rows[0].reconcile_count;
  });
}
