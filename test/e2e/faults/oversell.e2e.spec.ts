import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { expectInvariants } from '../../support/invariants';
import { expectStock, idOf, waitForOrdersSettled } from '../../support/saga-pipeline.probe';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

jest.setTimeout(240_000);

const env = testEnvironment();
const OVERSELL_ORDERS = 500;
const OVERSELL_STOCK = 100;
/** Tries per order; the default rate limit (300 a minute per customer) never refuses them. */
const MAX_ATTEMPTS = 8;

/**
 * R20: 500 customers order the last 100 units of a SKU at the same moment. Exactly 100 orders
 * reserve (and ship), the other 400 end OUT_OF_STOCK with their authorization voided, and the
 * stock never goes negative.
 */
describe('R20: 500 concurrent orders for 100 units', () => {
  let e2e: E2eStack;

  beforeAll(async () => {
    e2e = await startE2eStack({ label: 'oversell' });
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

  it(`R20: ${OVERSELL_ORDERS} concurrent orders for ${OVERSELL_STOCK} units reserve exactly ${OVERSELL_STOCK}`, async () => {
    const sku = uniqueSku('oversell');
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [
      { sku, priceCents: 1999, stock: OVERSELL_STOCK },
    ]);
    const tokens = await Promise.all(
      Array.from({ length: OVERSELL_ORDERS }, (_, index) => e2e.token(`oversell-${index}`)),
    );

    let shed = 0;
    // A well-behaved client: a 503 (the API sheds what its database pool cannot take) is
    // retried with the same Idempotency-Key, so it can never become a second order.
    const placed = await Promise.all(
      tokens.map(async (token) => {
        const key = randomUUID();
        for (let attempt = 1; ; attempt += 1) {
          const response = await e2e.api.placeOrder(token, [{ sku, quantity: 1 }], { key });
          if (response.status !== 503 || attempt === MAX_ATTEMPTS) return response;
          shed += 1;
          // Retry-After, jittered so that the shed requests do not all come back at once.
          const retryAfter = Number(response.headers.get('retry-after') ?? 1);
          await delay(retryAfter * 1000 * (0.5 + Math.random()));
        }
      }),
    );
    const refused = placed.filter((response) => response.status !== 202);
    expect(refused.map((response) => [response.status, response.body])).toEqual([]);
    const ids = placed.map(idOf);
    expect(new Set(ids).size).toBe(OVERSELL_ORDERS);
    const rows = await waitForOrdersSettled(env.CONVEYOR_TEST_DATABASE_URL, ids, {
      timeoutMs: 200_000,
    });

    const count = (status: string) => rows.filter((row) => row.status === status).length;
    console.log(
      `R20 oversell: ${OVERSELL_ORDERS} orders (${shed} 503s retried with their key) for ${OVERSELL_STOCK} units → SHIPPED ${count('SHIPPED')}, OUT_OF_STOCK ${count('OUT_OF_STOCK')}`,
    );
    expect({ shipped: count('SHIPPED'), outOfStock: count('OUT_OF_STOCK') }).toEqual({
      shipped: OVERSELL_STOCK,
      outOfStock: OVERSELL_ORDERS - OVERSELL_STOCK,
    });
    await expectStock(env.CONVEYOR_TEST_DATABASE_URL, sku, {
      available: 0,
      reserved: 0,
      shipped: OVERSELL_STOCK,
    });
    await expectInvariants(scope(ids, sku, OVERSELL_STOCK), 60_000);
  });
});
