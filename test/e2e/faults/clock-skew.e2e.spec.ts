import { existsSync } from 'node:fs';
import { withPostgresClient } from '@conveyor/dev-stack';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { expectInvariants } from '../../support/invariants';
import { paymentIntentsOf, waitForOrderStatus } from '../../support/order-pipeline.probe';
import { idOf } from '../../support/saga-pipeline.probe';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';
import { waitFor } from '@conveyor/dev-stack';

jest.setTimeout(150_000);

const env = testEnvironment();
const DB = env.CONVEYOR_TEST_DATABASE_URL;
const LIBFAKETIME = [
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1',
].find((path) => existsSync(path));

/**
 * The order API's wall clock moved by minutes, for real: libfaketime (Debian's faketime package)
 * is preloaded into the process, so Date.now() is off while timers (monotonic) are not. Refuses
 * to skip when the library is missing, as .ci/run installs it.
 */
function skewedClock(offset: string): Record<string, string> {
  if (!LIBFAKETIME) throw new Error('libfaketime is not installed: apt-get install faketime');
  return { LD_PRELOAD: LIBFAKETIME, FAKETIME: offset, FAKETIME_DONT_FAKE_MONOTONIC: '1' };
}

function reconcileCountOf(orderId: string): Promise<number> {
  return withPostgresClient(DB, async (sql) => {
    const { rows } = await sql.query<{ count: number }>(
      'SELECT reconcile_count AS count FROM orders.orders WHERE id = $1',
      [orderId],
    );
    return rows[0].count;
  });
}

/** No payment worker: orders stay PENDING until a test starts it. */
async function startSkewed(label: string, offset: string, stuckAfterSeconds: number) {
  return startE2eStack({
    label,
    apps: ['order-api', 'inventory-worker', 'shipping-worker'],
    extraEnv: {
      'order-api': {
        ...skewedClock(offset),
        RECONCILER_INTERVAL_SECONDS: '1',
        RECONCILER_STUCK_AFTER_SECONDS: String(stuckAfterSeconds),
      },
    },
  });
}

describe('R18 clocks: the order API clock 10 minutes behind', () => {
  let e2e: E2eStack;
  beforeAll(async () => {
    e2e = await startSkewed('clock-behind', '-10m', 60);
  });
  afterAll(() => e2e?.stop());

  it('does not make the reconciler re-send a fresh order', async () => {
    const sku = uniqueSku('behind');
    await seedProducts(DB, [{ sku, priceCents: 800, stock: 5 }]);
    const token = await e2e.token('clock-behind');
    const fresh = idOf(await e2e.api.placeOrder(token, [{ sku, quantity: 1 }]));
    const stuck = idOf(await e2e.api.placeOrder(token, [{ sku, quantity: 1 }]));
    await withPostgresClient(DB, (sql) =>
      sql.query(
        `UPDATE orders.orders SET updated_at = now() - interval '10 minutes' WHERE id = $1`,
        [stuck],
      ),
    );

    // The pass that re-sends the really stuck order has looked at the fresh one too.
    await waitFor(async () => (await reconcileCountOf(stuck)) >= 1, {
      timeoutMs: 30_000,
      description: 'the reconciler to re-send the stuck order',
    });
    expect(await reconcileCountOf(fresh)).toBe(0);
  });
});

describe('R18 clocks: the order API clock 10 minutes ahead', () => {
  let e2e: E2eStack;
  beforeAll(async () => {
    e2e = await startSkewed('clock-ahead', '+10m', 3);
  });
  afterAll(() => e2e?.stop());

  it('still re-sends a stuck order, and it is charged once when the workers come', async () => {
    const sku = uniqueSku('ahead');
    await seedProducts(DB, [{ sku, priceCents: 1200, stock: 5 }]);
    const token = await e2e.token('clock-ahead');
    const placed = await e2e.api.placeOrder(token, [{ sku, quantity: 1 }]);
    expect(placed.status).toBe(202);
    const orderId = idOf(placed);

    // Stuck 3 s by the database's clock, not 10 minutes and 3 s by the API's.
    await waitFor(async () => (await reconcileCountOf(orderId)) >= 1, {
      timeoutMs: 60_000,
      description: 'the reconciler to re-send the order',
    });
    await e2e.stack.start(['payment-worker']);
    await waitForOrderStatus(e2e, token, orderId, 'SHIPPED', 90_000);

    // The original request and the re-sent ones authorized one PaymentIntent, captured once.
    expect(await paymentIntentsOf(env.CONVEYOR_TEST_STRIPE_URL, orderId)).toEqual([
      expect.objectContaining({ status: 'succeeded', captureCount: 1 }),
    ]);
    await expectInvariants({
      databaseUrl: DB,
      stripeUrl: env.CONVEYOR_TEST_STRIPE_URL,
      sqsEndpoint: env.CONVEYOR_TEST_SQS_ENDPOINT,
      directory: e2e.directory,
      orderIds: [orderId],
      skus: [{ sku, initial: 5 }],
    });
  });
});
