import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { correlationContext } from './correlation-context';

export const REQUEST_ID_HEADER = 'x-request-id';

/** 1-200 printable ASCII characters: anything else could be a log-injection or memory vector. */
const ACCEPTABLE_REQUEST_ID = /^[\x20-\x7e]{1,200}$/;

/**
 * Fastify's `genReqId`: the client's id when acceptable, else a fresh UUID. Being Fastify's own
 * request id, it is also the `req.id` that pino-http binds to a request's log lines.
 */
export function resolveRequestId(req: { headers: IncomingHttpHeaders }): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && ACCEPTABLE_REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Echoes the request id and runs the rest of the request's lifecycle (body parsing, guards,
 * pipes, the handler) inside the correlation context, so application code and logs can name it.
 */
export function installRequestIdHook(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    correlationContext.run(request.id, done);
  });
}
