import { randomBytes } from 'node:crypto';
import type { ApiResponse } from '../../support/api-client';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { countOrderRows } from '../../support/order-rows';
import { problemViolations } from '../../support/problem-response';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

const LIMIT = 5;
const WINDOW_SECONDS = 60;

describe('order API: per-customer rate limit', () => {
  const env = testEnvironment();
  const sku = uniqueSku('rate');
  const run = randomBytes(3).toString('hex');
  const busy = `rate-busy-${run}`;
  const calm = `rate-calm-${run}`;
  let e2e: E2eStack;

  beforeAll(async () => {
    e2e = await startE2eStack({
      label: 'rate',
      apps: ['order-api'],
      extraEnv: {
        'order-api': {
          RATE_LIMIT_REQUESTS: String(LIMIT),
          RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
        },
      },
    });
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 300, stock: 1000 }]);
  }, 60_000);

  afterAll(() => e2e?.stop());

  const place = async (customer: string) =>
    e2e.api.placeOrder(await e2e.token(customer), [{ sku, quantity: 1 }]);

  function expectRateLimited(response: ApiResponse) {
    expect(response.status).toBe(429);
    expect(response.body).toMatchObject({ status: 429, code: 'REQUEST.RATE_LIMITED' });
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= WINDOW_SECONDS).toBe(
      true,
    );
    const text = JSON.stringify(response.body);
    expect(problemViolations({ ...response, text })).toEqual([]);
  }

  it('answers 429 with Retry-After past the limit, while another customer is still served', async () => {
    const attempts = Math.ceil(LIMIT * 1.5);
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      const response = await place(busy);
      statuses.push(response.status);
      if (attempt > LIMIT) expectRateLimited(response);
      // The other customer, in the middle of the burst and after it, has a budget of its own.
      if (attempt === LIMIT + 1 || attempt === attempts)
        expect((await place(calm)).status).toBe(202);
    }
    expect(statuses).toEqual([
      ...Array<number>(LIMIT).fill(202),
      ...Array<number>(attempts - LIMIT).fill(429),
    ]);
  });

  it('wrote orders only for the requests within the limit', async () => {
    const rows = await countOrderRows(env.CONVEYOR_TEST_DATABASE_URL, [busy]);
    expect({ orders: rows.orders, idempotencyKeys: rows.idempotencyKeys }).toEqual({
      orders: LIMIT,
      idempotencyKeys: LIMIT,
    });
  });

  it('never limits the probes and the metrics scrape', async () => {
    for (const path of ['/health/live', '/health/ready', '/metrics']) {
      const statuses: number[] = [];
      for (let i = 0; i < LIMIT * 2; i += 1) {
        statuses.push((await e2e.api.request('GET', path)).status);
      }
      expect({ path, statuses }).toEqual({ path, statuses: Array<number>(LIMIT * 2).fill(200) });
    }
  });
});
