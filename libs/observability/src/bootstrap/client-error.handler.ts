import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';

/**
 * The codes of requests Node's HTTP parser refuses, by status. An app that documents its error
 * codes lists these among them: they reach its clients without passing through the app.
 */
export const CLIENT_ERROR_CODES = {
  400: 'REQUEST.INVALID',
  408: 'REQUEST.TIMEOUT',
  431: 'REQUEST.HEADERS_TOO_LARGE',
} as const;

/**
 * Answers requests Node's HTTP parser rejects before any route runs (headers too large, a
 * malformed request line) with application/problem+json like every other error, instead of
 * Fastify's bare default; there is no request yet, so the correlation id is a fresh one.
 */
export function problemClientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return;
  const status =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 431
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 408
        : 400;
  const code = CLIENT_ERROR_CODES[status];
  const correlationId = randomUUID();
  const body = JSON.stringify({
    type: `urn:conveyor:problem:${code.toLowerCase()}`,
    title: STATUS_CODES[status],
    status,
    detail: 'The request could not be parsed',
    code,
    correlationId,
  });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: application/problem+json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${correlationId}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
}
