/**
 * Every code the order API can answer, with its HTTP status and when it is answered: the single
 * source of the error contract. Clients branch on the code; docs/errors.md is rendered from this
 * table (`npm run docs:errors`), and a spec fails when the two differ.
 */
export const ERROR_CODES = {
  'REQUEST.VALIDATION_FAILED': {
    status: 400,
    when: 'the body or query fails validation, including unknown fields',
  },
  'REQUEST.INVALID': {
    status: 400,
    when: 'malformed JSON, or another request the HTTP layer refuses without a more specific code',
  },
  'REQUEST.INVALID_CURSOR': { status: 400, when: 'a `cursor` this API did not return' },
  'WEBHOOK.SIGNATURE_INVALID': {
    status: 400,
    when: 'a Stripe webhook whose `Stripe-Signature` is missing, malformed or does not match',
  },
  'WEBHOOK.TIMESTAMP_STALE': {
    status: 400,
    when: 'a Stripe webhook signed more than 300 s ago (a replay)',
  },
  'CATALOG.UNKNOWN_SKU': {
    status: 400,
    when: 'an item names a SKU that is not in the catalog',
  },
  'ORDER.MIXED_CURRENCY': { status: 400, when: 'items priced in different currencies' },
  'IDEMPOTENCY.KEY_MISSING': { status: 400, when: '`POST /orders` without an `Idempotency-Key`' },
  'IDEMPOTENCY.KEY_INVALID': {
    status: 400,
    when: 'an `Idempotency-Key` that is not 1–255 printable ASCII characters',
  },
  'REDRIVE.LIMIT_OUT_OF_RANGE': {
    status: 400,
    when: 'a redrive `max` outside 1–100000 or `rate` outside (0, 500] messages per second',
  },
  'DLQ.PURGE_NOT_CONFIRMED': {
    status: 400,
    when: 'a purge whose body is not `{"confirm": "<queue>"}` naming the queue purged',
  },
  'AUTH.UNAUTHENTICATED': {
    status: 401,
    when: 'no bearer token, or one that is forged, expired or malformed',
  },
  'AUTH.FORBIDDEN': { status: 403, when: 'a customer on an admin endpoint' },
  'AUTH.CROSS_SITE_REQUEST': {
    status: 403,
    when: 'a write authenticated by the session cookie whose `Origin` is not this site',
  },
  'ORDER.NOT_FOUND': {
    status: 404,
    when: "no such order — or another customer's, which looks exactly the same",
  },
  'CATALOG.PRODUCT_NOT_FOUND': {
    status: 404,
    when: 'restocking a SKU that is not in the catalog',
  },
  'QUEUE.NOT_FOUND': { status: 404, when: 'an admin queue path naming no work queue' },
  'REDRIVE.TASK_NOT_FOUND': {
    status: 404,
    when: 'a redrive task id this process did not start (tasks live in memory)',
  },
  'DLQ.MESSAGE_NOT_FOUND': { status: 404, when: 'deleting a message id not in the DLQ' },
  'SHOP.DEMO_SIGN_IN_DISABLED': {
    status: 404,
    when: 'the storefront demo sign-in while `DEMO_SIGN_IN` is off (always, in production)',
  },
  // Fastify routes by method and path, so a method an endpoint does not take is no such route.
  'ROUTE.NOT_FOUND': { status: 404, when: 'no such endpoint, or none for this method' },
  'REQUEST.TIMEOUT': { status: 408, when: 'a request that was not received in time' },
  'ORDER.NOT_CANCELLABLE': { status: 409, when: 'cancelling an order that has shipped or ended' },
  'IDEMPOTENCY.KEY_IN_USE': {
    status: 409,
    when: 'a twin request with the same key is still being processed',
  },
  'REQUEST.TOO_LARGE': { status: 413, when: 'a body over 32 KiB' },
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': { status: 415, when: 'a body that is not `application/json`' },
  'IDEMPOTENCY.KEY_REUSED': { status: 422, when: 'the same key with a different body' },
  'REQUEST.RATE_LIMITED': {
    status: 429,
    when: 'over the per-customer rate limit; see `Retry-After`',
  },
  'REQUEST.HEADERS_TOO_LARGE': { status: 431, when: 'a header section over 16 KiB' },
  'SERVICE.INTERNAL': {
    status: 500,
    when: 'an unexpected failure; the logs of its `correlationId` say more',
  },
  'SERVICE.UNAVAILABLE': {
    status: 503,
    when: 'PostgreSQL is unreachable; see `Retry-After`',
  },
  'WEBHOOK.NOT_CONFIGURED': {
    status: 503,
    when: '`POST /webhooks/stripe` while `STRIPE_WEBHOOK_SECRET` is unset',
  },
} as const satisfies Record<string, { status: number; when: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export type ErrorStatus = (typeof ERROR_CODES)[ErrorCode]['status'];

export function statusOf(code: ErrorCode): ErrorStatus {
  return ERROR_CODES[code].status;
}
