import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RetryingApiClient } from './retrying-api.client';

/** A real HTTP server answering POST /orders with the given answers in turn, the last forever. */
async function orderApi(answers: { status: number; code?: string }[]) {
  const keys: (string | undefined)[] = [];
  const server: Server = createServer((request: IncomingMessage, response) => {
    keys.push(request.headers['idempotency-key'] as string | undefined);
    const answer = answers[Math.min(keys.length - 1, answers.length - 1)];
    const body = answer.status === 202 ? { id: 'order-1' } : { code: answer.code };
    request.resume();
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, keys, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('RetryingApiClient', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  const client = async (answers: { status: number; code?: string }[], retryForMs?: number) => {
    const api = await orderApi(answers);
    const retrying = new RetryingApiClient({ baseUrl: api.url, connections: 2 }, retryForMs);
    cleanups.push(api.close, () => retrying.close());
    return { api, retrying };
  };

  it('sends the same key again after 503s, a twin in progress and a 500, until accepted', async () => {
    const { api, retrying } = await client([
      { status: 503, code: 'SERVICE.UNAVAILABLE' },
      { status: 409, code: 'IDEMPOTENCY.KEY_IN_USE' },
      { status: 500, code: 'SERVICE.INTERNAL' },
      { status: 202 },
    ]);

    const answer = await retrying.placeOrder('token', 'key-1', { items: [] });

    expect(answer).toEqual({ status: 202, body: { id: 'order-1' } });
    expect(api.keys).toEqual(['key-1', 'key-1', 'key-1', 'key-1']);
    expect(retrying.retries).toBe(3);
    expect(retrying.retriedOn).toEqual({
      '503 SERVICE.UNAVAILABLE': 1,
      '409 IDEMPOTENCY.KEY_IN_USE': 1,
      '500 SERVICE.INTERNAL': 1,
    });
  });

  it('takes an answer that says the request is wrong as final', async () => {
    const { api, retrying } = await client([{ status: 422, code: 'IDEMPOTENCY.KEY_REUSED' }]);

    const answer = await retrying.placeOrder('token', 'key-2', {});

    expect(answer.status).toBe(422);
    expect(api.keys).toHaveLength(1);
    expect(retrying.retries).toBe(0);
  });

  it('counts a request still refused when its retry window closes as given up', async () => {
    const { retrying } = await client([{ status: 503, code: 'SERVICE.UNAVAILABLE' }], 600);

    const answer = await retrying.placeOrder('token', 'key-3', {});

    expect(answer.status).toBe(503);
    expect(retrying.gaveUp).toBe(1);
  });
});
