import { startTestService, type Seen, type TestService } from '../testing/test-service.fixture';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request id hook', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });

  afterAll(async () => {
    await service.app.close();
  });

  async function getOrder(headers: Record<string, string> = {}) {
    const response = await fetch(`${service.baseUrl}/orders/o-1`, { headers });
    return {
      requestId: response.headers.get('x-request-id'),
      seen: (await response.json()) as Seen,
    };
  }

  it('echoes a given X-Request-Id and makes it the correlation id inside the handler', async () => {
    const { requestId, seen } = await getOrder({ 'X-Request-Id': 'client-req-42' });

    expect(requestId).toBe('client-req-42');
    expect(seen).toEqual({ id: 'o-1', correlationId: 'client-req-42' });
  });

  it('generates a UUID when the client sends none', async () => {
    const { requestId, seen } = await getOrder();

    expect(requestId).toMatch(UUID);
    expect(seen.correlationId).toBe(requestId);
  });

  it.each([
    ['longer than 200 characters', 'x'.repeat(201)],
    ['not printable ASCII', 'caf\u00e9-id'],
  ])('replaces a request id %s with a UUID', async (_case, given) => {
    const { requestId, seen } = await getOrder({ 'X-Request-Id': given });

    expect(requestId).toMatch(UUID);
    expect(seen.correlationId).toBe(requestId);
  });

  it.each([
    ['a small body', 16],
    ['a body that arrives in many chunks', 512 * 1024],
  ])('keeps the correlation id through parsing %s into a POST handler', async (_case, size) => {
    const response = await fetch(`${service.baseUrl}/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'post-req-7' },
      body: JSON.stringify({ id: 'o-2', shippingAddress: 'x'.repeat(size) }),
    });

    expect(response.headers.get('x-request-id')).toBe('post-req-7');
    expect(await response.json()).toEqual({ id: 'o-2', correlationId: 'post-req-7' });
  });

  it('echoes the request id on responses no route matched', async () => {
    const response = await fetch(`${service.baseUrl}/no/such/route`, {
      headers: { 'X-Request-Id': 'lost-req-1' },
    });

    expect(response.status).toBe(404);
    expect(response.headers.get('x-request-id')).toBe('lost-req-1');
  });

  it('gives concurrent requests their own correlation ids', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `concurrent-${i}`);

    const seen = await Promise.all(ids.map((id) => getOrder({ 'X-Request-Id': id })));

    expect(seen.map(({ seen: s }) => s.correlationId)).toEqual(ids);
  });
});
