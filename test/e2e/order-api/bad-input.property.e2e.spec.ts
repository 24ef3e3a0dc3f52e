import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import {
  anyJsonBody,
  invalidIdempotencyKey,
  notJsonBody,
  otherMediaType,
  type FuzzRequest,
} from '../../support/http-request.arbitraries';
import { countOrderRows, type OrderRowCounts } from '../../support/order-rows';
import { applyMutation, validOrderBody } from '../../support/order-body.arbitraries';
import { mutation } from '../../support/order-mutation.arbitraries';
import { assertClientProblem, postRaw, type RawResponse } from '../../support/problem-response';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

/** Requests sent at once by each property run: a steady, moderate load on the API. */
const BATCH = 4;
const PROPERTY_TIMEOUT_MS = 60_000;

describe('POST /orders under thousands of generated invalid requests (fast-check)', () => {
  const env = testEnvironment();
  const skus = [uniqueSku('fuzz-a'), uniqueSku('fuzz-b'), uniqueSku('fuzz-c')];
  const fuzzer = `fuzz-${randomBytes(3).toString('hex')}`;
  const validBody = validOrderBody(skus);
  let e2e: E2eStack;
  let token: string;
  let before: OrderRowCounts;

  beforeAll(async () => {
    e2e = await startE2eStack({
      label: 'fuzz',
      apps: ['order-api'],
      // Thousands of requests from one customer: keep the rate limiter out of this test.
      extraEnv: { 'order-api': { RATE_LIMIT_REQUESTS: '1000000' } },
    });
    await seedProducts(
      env.CONVEYOR_TEST_DATABASE_URL,
      skus.map((sku) => ({ sku, priceCents: 250, stock: 1_000_000 })),
    );
    token = await e2e.token(fuzzer);
    before = await countOrderRows(env.CONVEYOR_TEST_DATABASE_URL, [fuzzer]);
  }, 60_000);

  afterAll(() => e2e?.stop());

  function send(request: FuzzRequest, bearer: string | undefined): Promise<RawResponse> {
    const headers: Record<string, string> = {};
    if (bearer && !request.anonymous) headers.authorization = `Bearer ${bearer}`;
    const key = request.idempotencyKey === undefined ? randomUUID() : request.idempotencyKey;
    if (key !== null) headers['idempotency-key'] = key;
    const type = request.contentType === undefined ? 'application/json' : request.contentType;
    if (type !== null) headers['content-type'] = type;
    const { body, chunked } = request;
    return postRaw(`${e2e.api.baseUrl}/orders`, { headers, body, chunked });
  }

  async function expectAllRefused(requests: FuzzRequest[]): Promise<void> {
    const responses = await Promise.all(requests.map((request) => send(request, token)));
    responses.forEach((response, i) =>
      assertClientProblem(response, () => describeRequest(requests[i])),
    );
  }

  const refusedInBatches = (request: fc.Arbitrary<FuzzRequest>) =>
    fc.asyncProperty(fc.array(request, { minLength: BATCH, maxLength: BATCH }), expectAllRefused);

  it('control: every generated base body is accepted as it stands', async () => {
    const control = await e2e.token(`${fuzzer}-control`);
    await fc.assert(
      fc.asyncProperty(validBody, async (body) => {
        const response = await send({ why: 'valid', body: JSON.stringify(body) }, control);
        if (response.status !== 202) throw new Error(`${response.status}: ${response.text}`);
      }),
      { numRuns: 25 },
    );
  }, 30_000);

  it(
    'refuses arbitrary JSON values as the body',
    () => fc.assert(refusedInBatches(anyJsonBody), { numRuns: 500 }),
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'refuses a valid body with one invalid change: wrong type, range, string, nesting, size, extra or missing field, duplicate SKU',
    () => {
      const mutated = fc
        .tuple(validBody, mutation, fc.nat())
        .map(([body, change, item]): FuzzRequest => ({
          why: JSON.stringify(change).slice(0, 300),
          body: JSON.stringify(applyMutation(body, change, item)),
        }));
      return fc.assert(refusedInBatches(mutated), { numRuns: 1_000 });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'refuses a missing, blank, overlong or non-printable Idempotency-Key',
    () => fc.assert(refusedInBatches(invalidIdempotencyKey(validBody)), { numRuns: 250 }),
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'refuses other content types, raw bytes and text that is not JSON',
    () =>
      fc.assert(refusedInBatches(fc.oneof(otherMediaType(validBody), notJsonBody)), {
        numRuns: 500,
      }),
    PROPERTY_TIMEOUT_MS,
  );

  it('wrote no order, item, outbox or idempotency row for any of them', async () => {
    expect(await countOrderRows(env.CONVEYOR_TEST_DATABASE_URL, [fuzzer])).toEqual(before);
  });
});

function describeRequest(request: FuzzRequest): string {
  const { body, ...rest } = request;
  const text = Buffer.from(body).toString();
  return `${JSON.stringify(rest)} body(${text.length}): ${text.slice(0, 300)}`;
}
