import { randomUUID } from 'node:crypto';

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body (an object, when the API keeps its promises), or undefined. */
  body: Record<string, unknown> | undefined;
}

/** Statuses a client mistake may produce; anything else (2xx, 5xx) breaks the contract. */
export const CLIENT_ERROR_STATUSES: readonly number[] = [400, 401, 413, 415, 422];

/**
 * One request with full control over headers and body bytes (no content type is added for a
 * Uint8Array body), answered as raw text and parsed JSON. Node's fetch keeps connections alive.
 */
export async function sendRaw(url: string, init: RequestInit): Promise<RawResponse> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: Record<string, unknown> | undefined;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON: problemViolations reports it
  }
  return { status: response.status, headers: response.headers, text, body };
}

export interface RawRequest {
  headers: Record<string, string>;
  body: string | Uint8Array;
  /** Sent with Transfer-Encoding: chunked instead of a Content-Length. */
  chunked?: boolean;
}

/** POSTs exact bytes: fetch adds no content type to a byte body, and a stream goes out chunked. */
export function postRaw(url: string, request: RawRequest): Promise<RawResponse> {
  const bytes = Buffer.from(request.body);
  const body = request.chunked
    ? new ReadableStream({
        start(controller) {
          controller.enqueue(bytes);
          controller.close();
        },
      })
    : bytes;
  // Node's fetch needs duplex for a streamed body; the DOM RequestInit (pulled in by the page
  // scripts' lib reference) does not declare it.
  const init: RequestInit & { duplex: 'half' } = {
    method: 'POST',
    headers: request.headers,
    body,
    duplex: 'half',
  };
  return sendRaw(url, init);
}

/** A request id to send and later find in correlationId, log lines and messages. */
export function newRequestId(label: string): string {
  return `${label}-${randomUUID()}`;
}

// A JS stack frame ("at fn (file.js:1:2)") or a source path: internals leaking to the client.
const STACK_TRACE = /\bat \S+ \(|\bat \/|node_modules|\.[jt]s:\d+:\d+/;

/**
 * What makes an error answer an RFC 9457 problem as this API promises it, listed as violations
 * (empty when the answer keeps every promise): usable both in jest `expect` and in properties.
 */
export function problemViolations(response: RawResponse, requestId?: string): string[] {
  const violations: string[] = [];
  const contentType = response.headers.get('content-type') ?? '';
  if (!/^application\/problem\+json/.test(contentType))
    violations.push(`content-type ${contentType}`);
  if (STACK_TRACE.test(response.text)) violations.push('stack trace in body');
  const { body } = response;
  if (typeof body !== 'object' || body === null)
    return [...violations, 'body is not a JSON object'];
  if (typeof body.type !== 'string' || !body.type.startsWith('urn:conveyor:problem:')) {
    violations.push(`type ${String(body.type)}`);
  }
  for (const field of ['title', 'detail', 'code', 'correlationId'] as const) {
    if (typeof body[field] !== 'string' || body[field] === '') violations.push(`no ${field}`);
  }
  if (body.status !== response.status) violations.push(`status ${String(body.status)}`);
  const echoed = response.headers.get('x-request-id');
  if (body.correlationId !== (requestId ?? echoed)) violations.push('correlationId ≠ request id');
  if (body.errors !== undefined && !isFieldErrorList(body.errors))
    violations.push('errors malformed');
  return violations;
}

function isFieldErrorList(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (entry: { path?: unknown; message?: unknown }) =>
        typeof entry?.path === 'string' && typeof entry.message === 'string',
    )
  );
}

/** Throws with the request and answer when a response is not a 4xx problem: for properties. */
export function assertClientProblem(response: RawResponse, describeRequest: () => string): void {
  const violations = CLIENT_ERROR_STATUSES.includes(response.status)
    ? problemViolations(response)
    : [`status ${response.status}`];
  if (violations.length > 0) {
    throw new Error(
      `${violations.join(', ')}\nrequest: ${describeRequest()}\nanswer: ${response.text.slice(0, 500)}`,
    );
  }
}
