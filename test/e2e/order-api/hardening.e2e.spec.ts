import { randomUUID } from 'node:crypto';
import { CONVEYOR_APPS, waitFor } from '@conveyor/dev-stack';
import { appsLoggingCorrelationId, parseAppLogs } from '../../support/app-logs';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { waitForOrderToFinish } from '../../support/order-completion';
import { PaymentRequestsProbe } from '../../support/payment-requests.probe';
import { newRequestId, problemViolations, sendRaw } from '../../support/problem-response';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

const SHOP = 'https://shop.example.com';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Values that must never reach a log line: the order's address and its payment method. */
const CANARY_ADDRESS = {
  name: 'Canary-Name-7f3a',
  line1: 'Canary-Street-7f3a 12',
  line2: 'Canary-Floor-7f3a',
  city: 'Canary-City-7f3a',
  postalCode: 'CP-7F3A',
  country: 'DE',
};
const PAYMENT_METHOD = 'pm_card_visa';

describe('order API hardening: headers, CORS, docs, request ids, logs, probes', () => {
  const env = testEnvironment();
  const sku = uniqueSku('hard');
  let e2e: E2eStack;
  /** The API alone as production runs it: NODE_ENV=production, no CORS allowlist. */
  let production: E2eStack;

  beforeAll(async () => {
    [e2e, production] = await Promise.all([
      startE2eStack({
        label: 'hard',
        extraEnv: { 'order-api': { CORS_ALLOWED_ORIGINS: `${SHOP}, https://admin.example.com` } },
      }),
      startE2eStack({
        label: 'prod',
        apps: ['order-api'],
        extraEnv: { 'order-api': { NODE_ENV: 'production', DATABASE_SSL: 'disable' } },
      }),
    ]);
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 1200, stock: 100 }]);
  }, 90_000);

  afterAll(() => Promise.all([e2e?.stop(), production?.stop()]));

  const get = (stack: E2eStack, path: string, headers: Record<string, string> = {}) =>
    sendRaw(`${stack.api.baseUrl}${path}`, { headers });

  it.each(['/products', '/health/live', '/no/such/route'])(
    'sends the security headers and no X-Powered-By on %s',
    async (path) => {
      const { headers } = await get(e2e, path);
      expect(headers.get('x-powered-by')).toBeNull();
      expect(Object.fromEntries(headers)).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'strict-transport-security': expect.stringMatching(/max-age=\d+/),
        'content-security-policy': expect.stringContaining("default-src 'self'"),
      });
    },
  );

  it('keeps the content security policy strict except on Swagger UI, in every mode', async () => {
    for (const stack of [e2e, production]) {
      const csp = (await get(stack, '/products')).headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
    }
    const docs = (await get(e2e, '/docs')).headers.get('content-security-policy');
    expect(docs).toContain("script-src 'self' 'unsafe-inline'");
  });

  it.each([
    ['/assets/vendor/htmx.min.js', 'text/javascript', 'htmx'],
    ['/assets/vendor/htmx-ext-sse.js', 'text/javascript', "defineExtension('sse'"],
    ['/assets/conveyor.css', 'text/css', '.site-header'],
  ])('serves the page asset %s from this process', async (path, type, content) => {
    const response = await get(production, path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain(type);
    expect(response.text).toContain(content);
  });

  it('grants CORS to an allowlisted origin only, on requests and preflights', async () => {
    const preflight = (origin: string) =>
      sendRaw(`${e2e.api.baseUrl}/orders`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,idempotency-key',
        },
      });
    const allowed = await get(e2e, '/products', { origin: SHOP });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(allowed.headers.get('vary')).toMatch(/origin/i);
    const allowedPreflight = await preflight(SHOP);
    expect(allowedPreflight.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(allowedPreflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(allowedPreflight.headers.get('access-control-allow-headers')).toContain(
      'idempotency-key',
    );

    const other = 'https://evil.example.net';
    expect(
      (await get(e2e, '/products', { origin: other })).headers.get('access-control-allow-origin'),
    ).toBeNull();
    expect((await preflight(other)).headers.get('access-control-allow-origin')).toBeNull();
    const unconfigured = await get(production, '/products', { origin: SHOP });
    expect(unconfigured.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves Swagger UI at /docs and an OpenAPI document of every endpoint at /docs-json', async () => {
    const ui = await get(e2e, '/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toMatch(/swagger/i);
    const { status, body } = await get(e2e, '/docs-json');
    expect(status).toBe(200);
    const paths = body?.paths as Record<string, object>;
    const operations = (path: string) => Object.keys(paths[path] ?? {}).sort();
    expect(operations('/orders')).toEqual(['get', 'post']);
    expect(operations('/orders/{id}')).toEqual(['get']);
    expect(operations('/orders/{id}/cancel')).toEqual(['post']);
    expect(operations('/products')).toEqual(['get']);
    expect(operations('/admin/inventory/{sku}/restock')).toEqual(['post']);
  });

  it.each(['/docs', '/docs-json'])('serves no %s when NODE_ENV=production', async (path) => {
    const response = await get(production, path);
    expect(response.status).toBe(404);
    expect(response.body?.code).toBe('ROUTE.NOT_FOUND');
    expect(problemViolations(response)).toEqual([]);
  });

  it('echoes an acceptable X-Request-Id and replaces a missing or unacceptable one by a UUID', async () => {
    const given = newRequestId('given');
    expect(
      (await get(e2e, '/products', { 'x-request-id': given })).headers.get('x-request-id'),
    ).toBe(given);
    for (const headers of [
      {} as Record<string, string>,
      { 'x-request-id': 'x'.repeat(201) },
      { 'x-request-id': 'caf\u00e9' },
    ]) {
      expect((await get(e2e, '/products', headers)).headers.get('x-request-id')).toMatch(UUID);
    }
  });

  it.each(CONVEYOR_APPS)('%s answers its probes and metrics without a token', async (app) => {
    for (const path of ['/health/live', '/health/ready', '/metrics']) {
      const response = await sendRaw(`http://127.0.0.1:${e2e.ports[app]}${path}`, {});
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
    }
  });

  it('makes the request id the correlation id of the payment request it sends', async () => {
    const requestId = newRequestId('msg');
    const response = await production.api.request('POST', '/orders', {
      token: await production.token('hard-prod'),
      headers: { 'idempotency-key': randomUUID(), 'x-request-id': requestId },
      body: {
        items: [{ sku, quantity: 1 }],
        paymentMethod: PAYMENT_METHOD,
        shippingAddress: CANARY_ADDRESS,
      },
    });
    expect(response.status).toBe(202);
    const probe = new PaymentRequestsProbe(
      env.CONVEYOR_TEST_SQS_ENDPOINT,
      production.directory,
      env.CONVEYOR_TEST_DATABASE_URL,
    );
    const outcome = await probe.outcomeFor(response.body.id as string).finally(() => probe.close());
    expect(outcome).toMatchObject({
      delivered: { correlationId: requestId, type: 'payment.authorization-requested' },
    });
  });

  describe('one order through every app', () => {
    const requestId = newRequestId('trace');
    let orderId: string;

    beforeAll(async () => {
      const token = await e2e.token('hard-trace');
      const response = await e2e.api.request('POST', '/orders', {
        token,
        headers: { 'idempotency-key': randomUUID(), 'x-request-id': requestId },
        body: {
          items: [{ sku, quantity: 2 }],
          paymentMethod: PAYMENT_METHOD,
          shippingAddress: CANARY_ADDRESS,
        },
      });
      expect(response.status).toBe(202);
      expect(response.headers.get('x-request-id')).toBe(requestId);
      orderId = response.body.id as string;
      await waitForOrderToFinish(e2e, { token, id: orderId, sku, quantity: 2 });
    }, 90_000);

    it('carries the request id in the messages every worker sent about the order', () => {
      const events = parseAppLogs(e2e.logs)
        .filter(({ app, entry }) => app === 'order-api' && entry?.msg === 'message handled')
        .map(({ entry = {} }) => entry)
        .filter((entry) => entry.orderId === orderId);
      expect(events.map((event) => event.type)).toEqual(
        expect.arrayContaining([
          'order.payment-authorized',
          'order.stock-reserved',
          'order.shipped',
        ]),
      );
      expect(events.filter((event) => event.correlationId !== requestId)).toEqual([]);
    });

    // Every consumer logs one line per handled message inside the message's correlation scope.
    it('writes the request id into log lines of every app', async () => {
      await waitFor(
        () => appsLoggingCorrelationId(e2e.logs, requestId).length === CONVEYOR_APPS.length,
        {
          timeoutMs: 5_000,
          description: 'a log line with the request id from every app',
        },
      ).catch(() => undefined);
      expect(appsLoggingCorrelationId(e2e.logs, requestId)).toEqual([...CONVEYOR_APPS].sort());
    }, 15_000);

    it('logs neither the shipping address nor the payment method in any app', () => {
      const secrets = [...Object.values(CANARY_ADDRESS).filter((v) => v !== 'DE'), PAYMENT_METHOD];
      const leaks = [...e2e.logs, ...production.logs].filter((line) =>
        secrets.some((secret) => line.includes(secret)),
      );
      expect(leaks).toEqual([]);
    });

    it('counts the order and times requests by route template in /metrics', async () => {
      await get(e2e, '/products');
      await e2e.api.getOrder(await e2e.token('hard-trace'), orderId);
      const { text } = await get(e2e, '/metrics');
      expect(text).toMatch(/^conveyor_orders_placed_total\{[^}]*\} [1-9]\d*$/m);
      for (const route of ['/orders', '/orders/:id', '/products']) {
        const series = new RegExp(
          `^conveyor_http_request_duration_seconds_count\\{[^}]*route="${route}"`,
          'm',
        );
        expect(text).toMatch(series);
      }
      expect(text).not.toContain(orderId);
    });
  });
});
