import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { isDatabaseUnavailable } from '@conveyor/persistence';
import { OrderDomainError } from '../orders/domain/order.errors';
import { problem, sendProblem, type Problem } from './problem';
import { RequestValidationError } from './request-validation.error';

/** HTTP status for each domain error code; codes are the contract, statuses the HTTP view. */
const STATUS_BY_CODE: Record<string, number> = {
  UNKNOWN_SKU: 400,
  'ORDER.MIXED_CURRENCY': 400,
  'REQUEST.INVALID_CURSOR': 400,
  IDEMPOTENCY_KEY_MISSING: 400,
  IDEMPOTENCY_KEY_INVALID: 400,
  'AUTH.UNAUTHENTICATED': 401,
  'AUTH.FORBIDDEN': 403,
  'ORDER.NOT_FOUND': 404,
  'PRODUCT.NOT_FOUND': 404,
  'ORDER.NOT_CANCELLABLE': 409,
  'ORDER.ILLEGAL_TRANSITION': 409,
  IDEMPOTENCY_KEY_IN_USE: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
};

const CODE_BY_STATUS: Record<number, string> = {
  400: 'REQUEST.INVALID',
  404: 'ROUTE.NOT_FOUND',
  405: 'ROUTE.METHOD_NOT_ALLOWED',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/**
 * The HTTP edge of the order API: every error leaves as application/problem+json with a stable
 * code and the correlation id; nothing internal (stack, SQL, class names) reaches the client.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: PinoLogger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const body = toProblem(error);
    if (body.status >= 500) this.logger.error({ err: error }, 'request failed');
    sendProblem(host.switchToHttp().getResponse<FastifyReply>(), body);
  }
}

export function toProblem(error: unknown): Problem {
  if (error instanceof RequestValidationError) {
    return problem(400, error.code, error.message, error.errors);
  }
  if (error instanceof OrderDomainError) {
    return problem(STATUS_BY_CODE[error.code] ?? 422, error.code, error.message);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return problem(status, CODE_BY_STATUS[status] ?? `HTTP.${status}`, httpDetail(error));
  }
  if (isDatabaseUnavailable(error)) {
    return problem(
      503,
      'SERVICE.UNAVAILABLE',
      'The order service is briefly unavailable; retry shortly',
    );
  }
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Fastify's own request errors: malformed JSON, body too large, unsupported content type.
    return problem(status, CODE_BY_STATUS[status] ?? `HTTP.${status}`, (error as Error).message);
  }
  return problem(500, 'INTERNAL', 'An unexpected error occurred');
}

function httpDetail(error: HttpException): string {
  const body = error.getResponse();
  if (typeof body === 'object' && body !== null && 'message' in body) {
    const message = body.message;
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.join('; ');
  }
  return error.message;
}
