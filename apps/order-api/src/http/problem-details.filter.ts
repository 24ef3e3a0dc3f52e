import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { correlationContext } from '@conveyor/observability';
import { isDatabaseUnavailable } from '@conveyor/persistence';
import { OrderDomainError } from '../orders/domain/order.errors';

/** HTTP status for each domain error code; codes are the contract, statuses are the HTTP view. */
const STATUS_BY_CODE: Record<string, number> = {
  UNKNOWN_SKU: 400,
  'ORDER.MIXED_CURRENCY': 400,
  'ORDER.NOT_FOUND': 404,
  'ORDER.ILLEGAL_TRANSITION': 409,
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  correlationId?: string;
  errors?: { path: string; message: string }[];
}

/**
 * The HTTP edge: every error leaves as application/problem+json with a stable code and the
 * correlation id, and nothing internal (no stack, no SQL) reaches the client.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: PinoLogger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = this.toProblem(error);
    if (problem.status >= 500) this.logger.error({ err: error }, 'request failed');
    if (problem.status === 503) void reply.header('Retry-After', '5');
    void reply
      .status(problem.status)
      .header('Content-Type', 'application/problem+json')
      .send({ ...problem, correlationId: correlationContext.currentId() });
  }

  private toProblem(error: unknown): Problem {
    if (error instanceof OrderDomainError) {
      return problem(STATUS_BY_CODE[error.code] ?? 422, error.code, error.message);
    }
    if (error instanceof HttpException) return fromHttpException(error);
    if (isDatabaseUnavailable(error)) {
      return problem(503, 'SERVICE.UNAVAILABLE', 'The order service is briefly unavailable; retry shortly');
    }
    return problem(500, 'INTERNAL', 'An unexpected error occurred');
  }
}

function problem(status: number, code: string, detail: string, errors?: Problem['errors']): Problem {
  const title = code.replace(/[._]/g, ' ').toLowerCase();
  return { type: `https://conveyor.dev/problems/${code.toLowerCase()}`, title, status, detail, code, errors };
}

function fromHttpException(error: HttpException): Problem {
  const status = error.getStatus();
  const body = error.getResponse();
  const messages = typeof body === 'object' && body && 'message' in body ? body.message : error.message;
  if (status === 400 && Array.isArray(messages)) {
    const errors = messages.map((message: string) => ({ path: message.split(' ')[0], message }));
    return problem(400, 'REQUEST.VALIDATION_FAILED', 'The request is not valid', errors);
  }
  const code = status === 404 ? 'ROUTE.NOT_FOUND' : `HTTP.${status}`;
  return problem(status, code, typeof messages === 'string' ? messages : error.message);
}
