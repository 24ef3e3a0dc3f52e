import {
  InternalServerErrorException,
  NotAcceptableException,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { errorCodes as fastifyErrors } from 'fastify';
import { AdminRequiredError, AuthenticationRequiredError } from '../auth/auth.guard';
import {
  MixedCurrencyError,
  ProductNotFoundError,
  UnknownSkuError,
} from '../catalog/catalog.errors';
import { ERROR_CODES } from '../errors/error-codes';
import type { CodedError } from '../errors/coded.error';
import { InvalidCursorError } from '../orders/list-orders/order-page.cursor';
import { OrderNotCancellableError, OrderNotFoundError } from '../orders/domain/order.errors';
import {
  IdempotencyKeyInvalidError,
  IdempotencyKeyMissingError,
} from '../orders/place-order/idempotency-key.header';
import {
  IdempotencyKeyInUseError,
  IdempotencyKeyReusedError,
} from '../orders/place-order/idempotency-key.store';
import { JsonBodyError } from './json-body.parser';
import { FRAMEWORK_CODES, toProblem } from './problem-details.filter';
import { RequestValidationError } from './request-validation.error';

const ORDER_ID = '6f1c8a9e-1d2b-4c3d-8e9f-0a1b2c3d4e5f';

// The CodedError classes of the order API, each with the answer a client gets for it.
const CODED: [CodedError, number, string][] = [
  [
    new RequestValidationError([{ path: 'items', message: 'items must be an array' }]),
    400,
    'REQUEST.VALIDATION_FAILED',
  ],
  [new JsonBodyError('The body is not valid JSON'), 400, 'REQUEST.INVALID'],
  [new InvalidCursorError(), 400, 'REQUEST.INVALID_CURSOR'],
  [new UnknownSkuError(['NOPE-1']), 400, 'CATALOG.UNKNOWN_SKU'],
  [new MixedCurrencyError(), 400, 'ORDER.MIXED_CURRENCY'],
  [new IdempotencyKeyMissingError(), 400, 'IDEMPOTENCY.KEY_MISSING'],
  [new IdempotencyKeyInvalidError(), 400, 'IDEMPOTENCY.KEY_INVALID'],
  [new AuthenticationRequiredError(), 401, 'AUTH.UNAUTHENTICATED'],
  [new AdminRequiredError(), 403, 'AUTH.FORBIDDEN'],
  [new OrderNotFoundError(ORDER_ID), 404, 'ORDER.NOT_FOUND'],
  [new ProductNotFoundError('NOPE-1'), 404, 'CATALOG.PRODUCT_NOT_FOUND'],
  [new OrderNotCancellableError(ORDER_ID, 'SHIPPED'), 409, 'ORDER.NOT_CANCELLABLE'],
  [new IdempotencyKeyInUseError(), 409, 'IDEMPOTENCY.KEY_IN_USE'],
  [new IdempotencyKeyReusedError(), 422, 'IDEMPOTENCY.KEY_REUSED'],
];

describe('toProblem', () => {
  it.each(
    CODED.map(([error, status, code]) => [error.constructor.name, status, code, error] as const),
  )('answers %s with %i %s, its status in ERROR_CODES', (_name, status, code, error) => {
    const problem = toProblem(error);
    expect(problem).toMatchObject({ status, code, detail: error.message });
    expect(ERROR_CODES[problem.code].status).toBe(problem.status);
    expect(problem.type).toBe(`urn:conveyor:problem:${code.toLowerCase()}`);
  });

  it('lists the offending fields of a validation failure', () => {
    const errors = [{ path: 'items.0.quantity', message: 'quantity must not be greater than 100' }];
    expect(toProblem(new RequestValidationError(errors)).errors).toEqual(errors);
  });

  it.each([
    ['an Error', new Error('relation "orders.secret" does not exist at /srv/app.js:1:2')],
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a thrown string', 'SELECT * FROM orders.orders'],
    ['null', null],
  ])('answers %s with 500 SERVICE.INTERNAL and nothing of its internals', (_label, error) => {
    const problem = toProblem(error);
    expect(problem).toEqual({
      type: 'urn:conveyor:problem:service.internal',
      title: 'Internal Server Error',
      status: 500,
      code: 'SERVICE.INTERNAL',
      detail: 'An unexpected error occurred',
    });
  });

  it('answers an unreachable database with 503 SERVICE.UNAVAILABLE', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), {
      code: 'ECONNREFUSED',
    });
    expect(toProblem(refused)).toMatchObject({
      status: 503,
      code: 'SERVICE.UNAVAILABLE',
      detail: 'The order service is briefly unavailable; retry shortly',
    });
  });

  it.each([
    ['a body too large', 413, 'REQUEST.TOO_LARGE', new fastifyErrors.FST_ERR_CTP_BODY_TOO_LARGE()],
    [
      'an unsupported media type',
      415,
      'REQUEST.UNSUPPORTED_MEDIA_TYPE',
      new fastifyErrors.FST_ERR_CTP_INVALID_MEDIA_TYPE('text/plain'),
    ],
    ['an empty JSON body', 400, 'REQUEST.INVALID', new fastifyErrors.FST_ERR_CTP_EMPTY_JSON_BODY()],
  ])('answers Fastify refusing %s with %i %s', (_label, status, code, error) => {
    expect(toProblem(error)).toMatchObject({ status, code, detail: error.message });
  });

  it.each([
    ['no route', 404, 'ROUTE.NOT_FOUND', new NotFoundException('Cannot GET /nope')],
    ['the rate limit', 429, 'REQUEST.RATE_LIMITED', new ThrottlerException()],
    ['a 4xx without a code of its own', 400, 'REQUEST.INVALID', new NotAcceptableException()],
    ['a failed readiness check', 503, 'SERVICE.UNAVAILABLE', new ServiceUnavailableException()],
    ['a 500', 500, 'SERVICE.INTERNAL', new InternalServerErrorException('pool exhausted')],
  ])('answers the framework reporting %s with %i %s', (_label, status, code, error) => {
    const problem = toProblem(error);
    expect(problem).toMatchObject({ status, code });
    expect(problem.detail).not.toContain('pool');
  });

  it.each(Object.entries(FRAMEWORK_CODES))(
    'gives framework status %s a code of that status',
    (status, code) => {
      expect(ERROR_CODES[code!].status).toBe(Number(status));
    },
  );
});
