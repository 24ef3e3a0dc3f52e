import { randomUUID } from 'node:crypto';
import { CONVEYOR_APPS, waitFor } from '@conveyor/dev-stack';
import { TcpProxy } from '@conveyor/testing';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import {
  expectServiceUnavailable,
  isRunning,
  outboxBacklog,
  paymentIntentsOf,
  readinessOf,
  stockOf,
  waitForOrderStatus,
  withDeadline,
} from '../../support/order-pipeline.probe';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

const env = testEnvironment();
const SCHEMAS = ['orders', 'payments', 'inventory', 'shipping'];

describe('order API: SQS unreachable (transactional outbox)', () => {
  let proxy: TcpProxy;
  let e2e: E2eStack;

  beforeAll(async () => {
    proxy = await TcpProxy.start(Number(new URL(env.CONVEYOR_TEST_SQS_ENDPOINT).port));
    e2e = await startE2eStack({
      label: 'sqs-outage',
      sqsEndpoint: `http://127.0.0.1:${proxy.port}`,
    });
  }, 90_000);

  afterAll(async () => {
    // Back online first, so the apps can drain what they hold while stopping.
    await proxy?.restore();
    await e2e?.stop();
    await proxy?.stop();
  }, 60_000);

  it('accepts orders while SQS is down, keeps them in the outbox, and ships every one once it is back', async () => {
    const sku = uniqueSku('sqs-outage');
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 990, stock: 50 }]);
    const token = await e2e.token('sqs-outage');

    await proxy.refuse();
    const placed = await Promise.all(
      Array.from({ length: 10 }, () => e2e.api.placeOrder(token, [{ sku, quantity: 1 }])),
    );
    expect(placed.map((response) => response.status)).toEqual(Array(10).fill(202));
    const ids = placed.map((response) => response.body.id as string);
    // Nothing can have left: each order's payment request waits in the outbox.
    expect(await outboxBacklog(env.CONVEYOR_TEST_DATABASE_URL, 'orders', ids)).toBe(10);

    for (const app of CONVEYOR_APPS) {
      await waitFor(async () => (await readinessOf(e2e, app)) === 503, {
        timeoutMs: 30_000,
        description: `${app} to report not ready while SQS is down`,
      });
      expect(isRunning(e2e.stack.service(app))).toBe(true);
    }

    await proxy.restore();
    // Worst case: the relay's backoff (up to 15 s), then a long poll the outage cut that the
    // emulator still answers: the payment requests it took return after the visibility timeout (60 s).
    for (const id of ids) await waitForOrderStatus(e2e, token, id, 'SHIPPED', 120_000);
    // Exactly once: one capture per order and ten units shipped, despite every retry.
    for (const id of ids) {
      const intents = await paymentIntentsOf(env.CONVEYOR_TEST_STRIPE_URL, id);
      expect(intents.map((intent) => intent.captureCount)).toEqual([1]);
    }
    expect(await stockOf(env.CONVEYOR_TEST_DATABASE_URL, sku)).toEqual({
      available: 40,
      reserved: 0,
      shipped: 10,
    });
    for (const schema of SCHEMAS) {
      await waitFor(
        async () => (await outboxBacklog(env.CONVEYOR_TEST_DATABASE_URL, schema)) === 0,
        {
          timeoutMs: 30_000,
          description: `${schema}.outbox to drain`,
        },
      );
    }
    for (const app of CONVEYOR_APPS) {
      expect(isRunning(e2e.stack.service(app))).toBe(true);
      await waitFor(async () => (await readinessOf(e2e, app)) === 200, {
        timeoutMs: 30_000,
        description: `${app} to be ready again`,
      });
    }
  }, 240_000);
});

describe('order API: PostgreSQL unreachable', () => {
  let proxy: TcpProxy;
  let e2e: E2eStack;

  beforeAll(async () => {
    const databaseUrl = new URL(env.CONVEYOR_TEST_DATABASE_URL);
    proxy = await TcpProxy.start(Number(databaseUrl.port || 5432));
    databaseUrl.hostname = '127.0.0.1';
    databaseUrl.port = String(proxy.port);
    e2e = await startE2eStack({
      label: 'pg-outage',
      apps: ['order-api'],
      extraEnv: { 'order-api': { DATABASE_URL: databaseUrl.toString() } },
    });
  }, 90_000);

  afterAll(async () => {
    await proxy?.restore();
    await e2e?.stop();
    await proxy?.stop();
  }, 60_000);

  it('answers 503 problem+json with Retry-After while the database is down, and serves again once it is back', async () => {
    const sku = uniqueSku('pg-outage');
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 450, stock: 20 }]);
    const token = await e2e.token('pg-outage');
    const before = await e2e.api.placeOrder(token, [{ sku, quantity: 1 }]);
    expect(before.status).toBe(202);
    const placedBefore = before.body.id as string;
    const key = randomUUID();

    await proxy.refuse();
    // Several rounds: the first meets pooled connections cut mid-life, later ones refused connects.
    for (let round = 1; round <= 3; round++) {
      const calls = {
        'POST /orders': () => e2e.api.placeOrder(token, [{ sku, quantity: 2 }], { key }),
        'GET /orders/{id}': () => e2e.api.getOrder(token, placedBefore),
        'GET /orders': () => e2e.api.request('GET', '/orders', { token }),
      };
      for (const [name, call] of Object.entries(calls)) {
        expectServiceUnavailable(await withDeadline(call(), 10_000, `${name} in round ${round}`));
      }
    }
    expect(await readinessOf(e2e, 'order-api')).toBe(503);
    expect(isRunning(e2e.stack.service('order-api'))).toBe(true);

    await proxy.restore();
    await waitFor(async () => (await readinessOf(e2e, 'order-api')) === 200, {
      timeoutMs: 30_000,
      description: 'order-api to be ready again',
    });
    expect((await e2e.api.getOrder(token, placedBefore)).status).toBe(200);
    // The refused attempt wrote nothing: its key is still free and now places the order.
    const after = await e2e.api.placeOrder(token, [{ sku, quantity: 2 }], { key });
    expect(after.status).toBe(202);
    expect(after.headers.get('idempotent-replayed')).toBeNull();
    const listed = await e2e.api.request('GET', '/orders', { token });
    expect((listed.body.items as { id: string }[]).map((order) => order.id)).toEqual([
      after.body.id,
      placedBefore,
    ]);
  }, 120_000);
});
