import fc from 'fast-check';

/**
 * One generated POST /orders request. `contentType`/`idempotencyKey` undefined mean the valid
 * default (application/json, a fresh UUID); null means the header is left out.
 */
export interface FuzzRequest {
  why: string;
  body: string | Uint8Array;
  contentType?: string | null;
  idempotencyKey?: string | null;
  chunked?: boolean;
  anonymous?: boolean;
}

/** What the order API treats as JSON: anything else with a body must be refused with 415. */
export function isJsonContentType(contentType: string): boolean {
  return /^application\/json\s*(;|$)/i.test(contentType.trim());
}

function parsesAsJson(text: string): boolean {
  try {
    // Fastify's parser skips a byte order mark.
    JSON.parse(text.replace(/^\uFEFF/, ''));
    return true;
  } catch {
    return false;
  }
}

/** Arbitrary JSON documents of any shape (none is an order), as the whole body. */
export const anyJsonBody: fc.Arbitrary<FuzzRequest> = fc
  .oneof(fc.jsonValue(), fc.jsonValue({ stringUnit: 'binary' }), fc.jsonValue({ maxDepth: 8 }))
  .map((value) => ({ why: 'arbitrary JSON value', body: JSON.stringify(value) }));

const printable = fc.string({ maxLength: 40 });
// Header bytes an HTTP client may send that are outside printable ASCII: tab and obs-text.
const unprintable = fc.oneof(
  fc.constant('\t'),
  fc.integer({ min: 0x80, max: 0xff }).map((code) => String.fromCharCode(code)),
);

/** Missing, blank, too long or non-printable Idempotency-Key values, with a valid body. */
export function invalidIdempotencyKey(validBody: fc.Arbitrary<unknown>): fc.Arbitrary<FuzzRequest> {
  const key = fc.oneof(
    fc.constant(null),
    fc.constantFrom('', ' ', '   '),
    // Framed by letters: the server trims a header value's surrounding whitespace.
    fc.string({ minLength: 254, maxLength: 4_000 }).map((middle) => `k${middle}k`),
    fc
      .tuple(printable, fc.string({ unit: unprintable, minLength: 1, maxLength: 4 }), printable)
      .map(([before, bad, after]) => `k${before}${bad}${after}k`),
  );
  return fc
    .record({ key, body: validBody, anonymous: fc.boolean() })
    .map(({ key: idempotencyKey, body, anonymous }) => ({
      why: `Idempotency-Key ${JSON.stringify(idempotencyKey)?.slice(0, 80)}`,
      body: JSON.stringify(body),
      idempotencyKey,
      anonymous,
    }));
}

const token = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789+-.'.split('')),
  minLength: 1,
  maxLength: 12,
});

const otherContentType = fc
  .oneof(
    fc.constantFrom(
      'text/plain',
      'text/plain; charset=utf-8',
      'application/xml',
      'text/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=fuzz',
      'application/octet-stream',
      'application/jsonx',
      'application/json-patch+json',
      'application/ld+json',
      'application/problem+json',
      'text/json',
      'json',
      '*/*',
      '',
    ),
    fc.tuple(token, token).map(([type, subtype]) => `${type}/${subtype}`),
  )
  .filter((contentType) => !isJsonContentType(contentType));

const anyBytes = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 2_000 }),
  fc.uint8Array({ minLength: 1, maxLength: 2_000 }),
  fc.integer({ min: 32 * 1024, max: 48 * 1024 }).map((size) => 'x'.repeat(size)),
);

/** A body (even a valid order) under another content type, or none: always 415. */
export function otherMediaType(validBody: fc.Arbitrary<unknown>): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      contentType: fc.option(otherContentType, { nil: null }),
      body: fc.oneof(
        anyBytes,
        validBody.map((body) => JSON.stringify(body)),
      ),
      chunked: fc.boolean(),
      anonymous: fc.boolean(),
    })
    .map((request) => ({ why: `content type ${String(request.contentType)}`, ...request }));
}

/** Text and bytes that are not JSON, sent as application/json: always 400 (or 413). */
export const notJsonBody: fc.Arbitrary<FuzzRequest> = fc.record({
  why: fc.constant('not JSON'),
  body: fc
    .oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 500 }),
      fc.string({ minLength: 1, maxLength: 500 }),
      fc.jsonValue().map((value) => JSON.stringify(value).slice(0, -1)),
      fc.uint8Array({ minLength: 1, maxLength: 500 }),
    )
    .filter((body) => !parsesAsJson(Buffer.from(body).toString())),
  contentType: fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
  ),
  chunked: fc.boolean(),
});
