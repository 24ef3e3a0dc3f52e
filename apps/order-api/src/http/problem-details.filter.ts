import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { isDatabaseUnavailable } from '@conveyor/persistence';
import { CodedError } from '../errors/coded.error';
import type { ErrorCode } from '../errors/error-codes';
import { problem, sendProblem, type Problem } from './problem';
import { RequestValidationError } from './request-validation.error';

/**
 * Codes for the 4xx statuses the framework answers with on its own (Nest's HttpExceptions,
 * Fastify's request errors). Another 4xx gets the generic REQUEST.INVALID, never a made-up code.
 */
export const FRAMEWORK_CODES: Readonly<Partial<Record<number, ErrorCode>>> = {
  400: 'REQUEST.INVALID',
  404: 'ROUTE.NOT_FOUND',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  429: 'REQUEST.RATE_LIMITED',
};

/** Server-side failures say nothing about their cause: that is in the logs, by correlation id. */
const SERVER_DETAILS = {
  'SERVICE.UNAVAILABLE': 'The order service is briefly unavailable; retry shortly',
  'SERVICE.INTERNAL': 'An unexpected error occurred',
} satisfies Partial<Record<ErrorCode, string>>;

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
    return problem(error.code, error.message, error.errors);
  }
  if (error instanceof CodedError) return problem(error.code, error.message);
  if (isDatabaseUnavailable(error)) return serverProblem('SERVICE.UNAVAILABLE');
  const status = frameworkStatus(error);
  if (status === undefined) return serverProblem('SERVICE.INTERNAL');
  if (status >= 500) {
    return serverProblem(status === 503 ? 'SERVICE.UNAVAILABLE' : 'SERVICE.INTERNAL');
  }
  return problem(FRAMEWORK_CODES[status] ?? 'REQUEST.INVALID', frameworkDetail(error));
}

function serverProblem(code: keyof typeof SERVER_DETAILS): Problem {
  return problem(code, SERVER_DETAILS[code]);
}

/** Nest's HttpExceptions, and Fastify's own request errors (too large, unsupported type). */
function frameworkStatus(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function frameworkDetail(error: unknown): string {
  if (!(error instanceof HttpException)) return (error as Error).message;
  const body = error.getResponse();
  if (typeof body === 'object' && body !== null && 'message' in body) {
    const message = body.message;
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.join('; ');
  }
  return error.message;
}
