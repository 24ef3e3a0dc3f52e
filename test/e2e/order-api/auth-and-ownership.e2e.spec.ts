import { issueAccessToken } from '@conveyor/auth';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

describe('order API: authentication and ownership', () => {
  const env = testEnvironment();
  const sku = uniqueSku('auth');
  let e2e: E2eStack;
  let alice: string;
  let bob: string;
  let admin: string;

  beforeAll(async () => {
    e2e = await startE2eStack({ label: 'auth', apps: ['order-api'] });
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 500, stock: 100 }]);
    [alice, bob, admin] = await Promise.all([
      e2e.token('alice-auth'),
      e2e.token('bob-auth'),
      e2e.token('ops', 'admin'),
    ]);
  });

  afterAll(() => e2e?.stop());

  it('serves the catalog without a token', async () => {
    const response = await e2e.api.request('GET', '/products');
    expect(response.status).toBe(200);
    expect(response.body).toEqual(
      expect.arrayContaining([
        { sku, name: sku, priceCents: 500, currency: 'EUR', available: 100 },
      ]),
    );
  });

  it.each([
    ['no token', undefined],
    ['garbage', 'not-a-jwt'],
    ['a token signed with another secret', 'forged'],
  ])('answers 401 problem+json for %s', async (_label, kind) => {
    const token =
      kind === 'forged'
        ? await issueAccessToken('another-secret-another-secret-another!', { sub: 'alice-auth' })
        : kind;
    const response = await e2e.api.request('GET', '/orders', { token });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 401, code: 'AUTH.UNAUTHENTICATED' });
  });

  it('answers 401 for an expired token', async () => {
    const expired = await issueAccessToken(
      'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
      { sub: 'alice-auth' },
      '-1m',
    );
    expect((await e2e.api.request('GET', '/orders', { token: expired })).status).toBe(401);
  });

  it('answers 403 to a customer on an admin endpoint, 202 to an admin', async () => {
    const asCustomer = await e2e.api.request('POST', `/admin/inventory/${sku}/restock`, {
      token: alice,
      body: { quantity: 5 },
    });
    expect(asCustomer.status).toBe(403);
    expect(asCustomer.body.code).toBe('AUTH.FORBIDDEN');
    const asAdmin = await e2e.api.request('POST', `/admin/inventory/${sku}/restock`, {
      token: admin,
      body: { quantity: 5 },
    });
    expect(asAdmin.status).toBe(202);
    expect(asAdmin.body).toEqual({ sku, quantity: 5, status: 'ACCEPTED' });
  });

  it('hides one customer’s orders from another: read, list and cancel all look like a missing order', async () => {
    const placed = await e2e.api.placeOrder(alice, [{ sku, quantity: 1 }]);
    expect(placed.status).toBe(202);
    const id = placed.body.id as string;

    const missing = await e2e.api.getOrder(bob, '00000000-0000-4000-8000-000000000000');
    const foreign = await e2e.api.getOrder(bob, id);
    expect(foreign.status).toBe(404);
    expect({ ...foreign.body, detail: undefined, correlationId: undefined }).toEqual({
      ...missing.body,
      detail: undefined,
      correlationId: undefined,
    });

    const bobsList = await e2e.api.request<{ items: { id: string }[] }>('GET', '/orders', {
      token: bob,
    });
    expect(bobsList.body.items.map((order) => order.id)).not.toContain(id);
    expect((await e2e.api.request('POST', `/orders/${id}/cancel`, { token: bob })).status).toBe(
      404,
    );

    expect((await e2e.api.getOrder(alice, id)).status).toBe(200);
    expect((await e2e.api.getOrder(admin, id)).body.customerId).toBe('alice-auth');
  });
});
