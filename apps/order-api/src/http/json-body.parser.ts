import type { FastifyRequest } from 'fastify';
import { CodedError } from '../errors/coded.error';
import { statusOf } from '../errors/error-codes';

/** Far deeper than any request of this API; deep enough structures only serve to exhaust stacks. */
export const MAX_JSON_DEPTH = 16;

/**
 * Keys that mean something to JavaScript objects. No field of this API is named like them, and
 * the validation layer would silently skip some of them, so a body using one is refused outright
 * (which also closes the door on prototype pollution).
 */
const RESERVED_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

export class JsonBodyError extends CodedError {
  /** For Fastify, which reads an error's status here; the problem answer takes it from the code. */
  readonly statusCode = statusOf('REQUEST.INVALID');

  constructor(message: string) {
    super('REQUEST.INVALID', message);
  }
}

/** Routes that verify a signature over the exact bytes received: only they keep them. */
const RAW_BODY_PATHS = new Set(['/webhooks/stripe']);

export interface RawBodyRequest {
  rawBody?: Buffer;
}

/** Parses an application/json body, refusing malformed JSON, deep nesting and reserved keys. */
export function parseJsonBody(
  request: FastifyRequest,
  body: Buffer,
  done: (error: Error | null, value?: unknown) => void,
): void {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return done(new JsonBodyError('The body is not valid JSON'));
  }
  if (RAW_BODY_PATHS.has(request.url.split('?')[0] ?? '')) {
    (request as RawBodyRequest).rawBody = body;
  }
  const problem = inspect(value, 1);
  done(problem ? new JsonBodyError(problem) : null, problem ? undefined : value);
}

/** Iterates breadth-first so that a hostile document cannot exhaust the stack here either. */
function inspect(root: unknown, rootDepth: number): string | undefined {
  let level: unknown[] = [root];
  for (let depth = rootDepth; level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const node of level) {
      if (node === null || typeof node !== 'object') continue;
      if (depth > MAX_JSON_DEPTH) return `The body nests deeper than ${MAX_JSON_DEPTH} levels`;
      if (Array.isArray(node)) {
        next.push(...(node as unknown[]));
        continue;
      }
      for (const [key, child] of Object.entries(node)) {
        if (RESERVED_KEYS.has(key)) return `The body uses the reserved key "${key}"`;
        next.push(child);
      }
    }
    level = next;
  }
  return undefined;
}
