import type { FastifyReply } from 'fastify';
import { correlationContext } from '@conveyor/observability';
import { statusOf, type ErrorCode, type ErrorStatus } from '../errors/error-codes';

export interface FieldError {
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: ErrorStatus;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
}

const TITLES: Record<ErrorStatus, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * An RFC 9457 problem whose `code` is the stable, documented part clients branch on; the status
 * is the code's, from ERROR_CODES, so the two never disagree.
 */
export function problem(code: ErrorCode, detail: string, errors?: FieldError[]): Problem {
  const status = statusOf(code);
  return {
    // A URN rather than a URL: stable, and it never pretends a page exists (see docs/errors.md).
    type: `urn:conveyor:problem:${code.toLowerCase()}`,
    title: TITLES[status],
    status,
    detail,
    code,
    ...(errors && { errors }),
  };
}

export function sendProblem(reply: FastifyReply, body: Problem): void {
  if (body.status === 503) void reply.header('Retry-After', '5');
  void reply
    .status(body.status)
    .header('Content-Type', 'application/problem+json; charset=utf-8')
    .send({ ...body, correlationId: correlationContext.currentId() ?? null });
}
