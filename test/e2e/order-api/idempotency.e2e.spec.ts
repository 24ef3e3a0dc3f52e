import { randomUUID } from 'node:crypto';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';
import { withPostgresClient } from '@conveyor/dev-stack';

describe('order API: Idempotency-Key on POST /orders', () => {
  const env = testEnvironment();
  const sku = uniqueSku('idem');
  const otherSku = uniqueSku('idem2');
  let e2e: E2eStack;

  beforeAll(async () => {
    e2e = await startE2eStack({ label: 'idem', apps: ['order-api'] });
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [
      { sku, priceCents: 700, stock: 1000 },
      { sku: otherSku, priceCents: 900, stock: 1000 },
    ]);
  });

  afterAll(() => e2e?.stop());

  const ordersOf = (customerId: string) =>
    withPostgresClient(env.CONVEYOR_TEST_DATABASE_URL, async (sql) => {
      const { rows } = await sql.query('SELECT id FROM orders.orders WHERE customer_id = $1', [
        customerId,
      ]);
      return rows.map((row: { id: string }) => row.id);
    });

  it('replays the first answer for the same key and body', async () => {
    const token = await e2e.token('idem-replay');
    const key = randomUUID();
    const first = await e2e.api.placeOrder(token, [{ sku, quantity: 2 }], { key });
    const second = await e2e.api.placeOrder(token, [{ sku, quantity: 2 }], { key });
    expect(first.status).toBe(202);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.status).toBe(202);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(second.body).toEqual(first.body);
    expect(await ordersOf('idem-replay')).toEqual([first.body.id]);
  });

  it('refuses the same key with a different body (422 IDEMPOTENCY.KEY_REUSED), writing nothing', async () => {
    const token = await e2e.token('idem-reuse');
    const key = randomUUID();
    expect((await e2e.api.placeOrder(token, [{ sku, quantity: 1 }], { key })).status).toBe(202);
    const reused = await e2e.api.placeOrder(token, [{ sku: otherSku, quantity: 1 }], { key });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(await ordersOf('idem-reuse')).toHaveLength(1);
  });

  it('scopes keys per customer', async () => {
    const key = randomUUID();
    const carol = await e2e.api.placeOrder(await e2e.token('idem-carol'), [{ sku, quantity: 1 }], {
      key,
    });
    const dave = await e2e.api.placeOrder(await e2e.token('idem-dave'), [{ sku, quantity: 1 }], {
      key,
    });
    expect(carol.status).toBe(202);
    expect(dave.status).toBe(202);
    expect(dave.headers.get('idempotent-replayed')).toBeNull();
    expect(dave.body.id).not.toBe(carol.body.id);
  });

  it('creates exactly one order from 20 concurrent requests with one key', async () => {
    const token = await e2e.token('idem-burst');
    const key = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => e2e.api.placeOrder(token, [{ sku, quantity: 3 }], { key })),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.every((status) => status === 202 || status === 409)).toBe(true);
    const ids = new Set(responses.filter((r) => r.status === 202).map((r) => r.body.id as string));
    expect(ids.size).toBe(1);
    expect(await ordersOf('idem-burst')).toEqual([...ids]);
  });

  it('prices at the catalog’s current price, though the API keeps prices in memory', async () => {
    const token = await e2e.token('idem-repriced');
    const first = await e2e.api.placeOrder(token, [{ sku: otherSku, quantity: 2 }]);
    expect(first.body.totalCents).toBe(1800);
    const setPrice = (cents: number) =>
      withPostgresClient(env.CONVEYOR_TEST_DATABASE_URL, (sql) =>
        sql.query('UPDATE orders.products SET price_cents = $2 WHERE sku = $1', [otherSku, cents]),
      );
    await setPrice(1100);
    try {
      const repriced = await e2e.api.placeOrder(token, [{ sku: otherSku, quantity: 2 }]);
      expect(repriced.status).toBe(202);
      expect(repriced.body.totalCents).toBe(2200);
      expect(repriced.body.items).toEqual([expect.objectContaining({ unitPriceCents: 1100 })]);
      expect(await ordersOf('idem-repriced')).toHaveLength(2);
    } finally {
      await setPrice(900);
    }
  });

  it('requires a well-formed key', async () => {
    const token = await e2e.token('idem-header');
    const body = {
      items: [{ sku, quantity: 1 }],
      paymentMethod: 'pm_card_visa',
      shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: '1', country: 'DE' },
    };
    const missing = await e2e.api.request('POST', '/orders', { token, body });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('IDEMPOTENCY.KEY_MISSING');
    for (const key of ['x'.repeat(256), 'tab\tinside', 'ü-umlaut']) {
      const response = await e2e.api.request('POST', '/orders', {
        token,
        body,
        headers: { 'idempotency-key': key },
      });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('IDEMPOTENCY.KEY_INVALID');
    }
    expect(await ordersOf('idem-header')).toEqual([]);
  });
});
