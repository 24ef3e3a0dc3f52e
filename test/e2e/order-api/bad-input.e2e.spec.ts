import { randomBytes, randomUUID } from 'node:crypto';
import {
  badOrderRequests,
  orderWith,
  validOrder,
  type BadOrderRequest,
} from '../../support/bad-order-requests';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { countOrderRows, type OrderRowCounts } from '../../support/order-rows';
import { PaymentRequestsProbe } from '../../support/payment-requests.probe';
import {
  newRequestId,
  postRaw,
  problemViolations,
  sendRaw,
  type RawResponse,
} from '../../support/problem-response';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

type RawOrderRequest = Pick<BadOrderRequest, 'body' | 'headers' | 'chunked'>;

describe('order API: malformed and invalid requests to POST /orders', () => {
  const env = testEnvironment();
  const sku = uniqueSku('bad');
  const run = randomBytes(3).toString('hex');
  const customer = `bad-input-${run}`;
  let e2e: E2eStack;
  let token: string;
  let probe: PaymentRequestsProbe;

  beforeAll(async () => {
    e2e = await startE2eStack({
      label: 'bad',
      apps: ['order-api'],
      extraEnv: { 'order-api': { RATE_LIMIT_REQUESTS: '100000' } },
    });
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 500, stock: 1000 }]);
    token = await e2e.token(customer);
    probe = new PaymentRequestsProbe(
      env.CONVEYOR_TEST_SQS_ENDPOINT,
      e2e.directory,
      env.CONVEYOR_TEST_DATABASE_URL,
    );
  }, 60_000);

  afterAll(async () => {
    probe?.close();
    await e2e?.stop();
  });

  function post(request: RawOrderRequest, requestId: string, bearer = token) {
    const headers: Record<string, string> = {
      authorization: `Bearer ${bearer}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
      'x-request-id': requestId,
    };
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      if (value === null) delete headers[name];
      else headers[name] = value;
    }
    const { body, chunked } = request;
    return postRaw(`${e2e.api.baseUrl}/orders`, { headers, body, chunked });
  }

  function expectProblem(response: RawResponse, requestId: string, status: number, code: string) {
    expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
    expect(response.headers.get('x-request-id')).toBe(requestId);
    expect(problemViolations(response, requestId)).toEqual([]);
  }

  describe('each rule', () => {
    let before: OrderRowCounts;

    beforeAll(async () => {
      before = await countOrderRows(env.CONVEYOR_TEST_DATABASE_URL, [customer]);
    });

    it.each(badOrderRequests(sku))('answers $status $code to $label', async (request) => {
      const requestId = newRequestId('bad');
      const response = await post(request, requestId);
      expectProblem(response, requestId, request.status, request.code);
      if (request.paths) {
        const paths = (response.body?.errors as { path: string }[]).map((error) => error.path);
        expect(paths).toEqual(expect.arrayContaining(request.paths));
      }
    });

    it('wrote no order, item, outbox or idempotency row and sent no payment request', async () => {
      expect(await countOrderRows(env.CONVEYOR_TEST_DATABASE_URL, [customer])).toEqual(before);
      const sent = await probe.all();
      expect(
        sent.filter((envelope) => JSON.stringify(envelope.payload).includes(customer)),
      ).toEqual([]);
    });
  });

  // Inputs that once got past validation or broke it; each comment names what guards against it.
  // They use their own customer so that a regression that creates an order is visible.
  describe('hostile and unusual input', () => {
    let defectToken: string;

    beforeAll(async () => {
      defectToken = await e2e.token(`bad-defect-${run}`);
    });

    const valid = JSON.stringify(validOrder(sku));
    const nest = (open: string, close: string, depth: number) =>
      `${open.repeat(depth)}1${close.repeat(depth)}`;

    // class-transformer recurses once per nesting level: the JSON parser refuses deep bodies first.
    it.each([
      [
        '2,000 nested arrays in an extra field',
        valid.replace('{', `{"extra":${nest('[', ']', 2000)},`),
      ],
      [
        '5,000 nested objects as the address',
        orderWith(sku, 'shippingAddress', 0).replace(/0}$/, `${nest('{"a":', '}', 5000)}}`),
      ],
    ])('answers 400, not 500, to %s', async (_label, body) => {
      const requestId = newRequestId('deep');
      expectProblem(
        await post({ body }, requestId, defectToken),
        requestId,
        400,
        'REQUEST.INVALID',
      );
    });

    // Free text is stored in jsonb, which refuses \u0000 and unpaired surrogates.
    it.each([
      ['a NUL character', 'Ada\u0000Lovelace'],
      ['an unpaired surrogate', 'Ada\ud800Lovelace'],
    ])('answers 400, not 500, to a name with %s', async (_label, name) => {
      const requestId = newRequestId('text');
      const response = await post(
        { body: orderWith(sku, 'shippingAddress.name', name) },
        requestId,
        defectToken,
      );
      expectProblem(response, requestId, 400, 'REQUEST.VALIDATION_FAILED');
    });

    // @ValidateNested() alone would skip undefined and validate an array's elements.
    it.each([
      ['no shippingAddress', undefined],
      ['an array as the shippingAddress', [validOrder(sku).shippingAddress]],
    ])('refuses %s with 400 at path shippingAddress', async (_label, address) => {
      const requestId = newRequestId('address');
      const response = await post(
        { body: orderWith(sku, 'shippingAddress', address) },
        requestId,
        defectToken,
      );
      expectProblem(response, requestId, 400, 'REQUEST.VALIDATION_FAILED');
      expect(response.body?.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: 'shippingAddress' })]),
      );
    });

    // class-transformer skips keys whose instance value is a function (Object.prototype members)
    // and ValidationPipe deletes `prototype`: the JSON parser refuses these reserved keys first.
    it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'])(
      'refuses an extra field named %s',
      async (key) => {
        const requestId = newRequestId('extra');
        const response = await post({ body: orderWith(sku, key, 1) }, requestId, defectToken);
        expectProblem(response, requestId, 400, 'REQUEST.INVALID');
      },
    );

    // Whatever the API accepts must also satisfy the message contracts (libs/contracts) and SQS's
    // character set (bodies are ASCII-escaped JSON), or the order would be stuck after its 202.
    it.each([
      ['line2: null', 'shippingAddress.line2', null],
      ['a name of 200 emoji', 'shippingAddress.name', '\u{1F600}'.repeat(200)],
      ['a name with U+FFFE', 'shippingAddress.name', 'Ada \uFFFE'],
    ])(
      '%s: refused, or its payment request is sent and meets the contract',
      async (_l, path, value) => {
        const response = await post(
          { body: orderWith(sku, path, value) },
          newRequestId('contract'),
          defectToken,
        );
        if (response.status !== 202) {
          expect(response.status).toBe(400);
          return;
        }
        const outcome = await probe.outcomeFor(response.body?.id as string);
        expect(outcome).toEqual({ delivered: expect.anything(), contractIssues: [] });
      },
    );

    // Node refuses a header section over 16 KiB before Fastify routes the request; the
    // bootstrap's clientErrorHandler answers it as problem+json with a fresh correlation id.
    it('answers an oversized header section with problem+json', async () => {
      const response = await sendRaw(`${e2e.api.baseUrl}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-padding': 'p'.repeat(20_000) },
        body: valid,
      });
      expect(response.status).toBe(431);
      expect(response.body?.code).toBe('REQUEST.HEADERS_TOO_LARGE');
      expect(problemViolations(response)).toEqual([]);
    });
  });
});
