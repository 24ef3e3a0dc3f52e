import type { IncomingHttpHeaders } from 'node:http';
import { EmulatorApiError, injectedFault, type StripeErrorBody } from './api.error';
import type { FaultInjector } from './fault.injector';
import { canonicalForm, decodeForm, type FormObject } from './form.decoder';
import type { IdempotencyStore, StoredAnswer } from './idempotency.store';
import { authenticate } from './request-auth.guard';
import type { RequestStats } from './request.stats';
import type { EventPublisher } from './stripe-event.publisher';
import { newStripeId } from './stripe-id.generator';
import type { V1Match, V1Router } from './v1.router';

export interface V1Request {
  method: string;
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type V1Outcome =
  | { kind: 'answer'; status: number; headers: Record<string, string>; body: string }
  /** Close the connection without answering: the work is done but the client never hears. */
  | { kind: 'drop' };

interface Executed {
  answer: StoredAnswer;
  headers: Record<string, string>;
  /** Whether the endpoint ran (or was replayed), i.e. whether dropAfterCharge may apply. */
  completed: boolean;
}

export interface V1RequestHandlerDeps {
  router: V1Router;
  idempotency: IdempotencyStore;
  faults: FaultInjector;
  stats: RequestStats;
  /** Names this request in the events its endpoint emits. */
  events: EventPublisher;
}

function render(body: unknown): string {
  return JSON.stringify(body, null, 2);
}

function errorAnswer(error: EmulatorApiError, requestId: string): Executed {
  const answer = { status: error.status, body: render({ error: error.body }), requestId };
  return { answer, headers: error.headers, completed: false };
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The /v1 request pipeline, in Stripe's order: injected faults first (nothing happens), then
 * authentication, routing, the Idempotency-Key check, the endpoint itself, and finally the
 * dropAfterCharge fault, which loses an answer whose work was already done and saved.
 */
export class V1RequestHandler {
  constructor(private readonly deps: V1RequestHandlerDeps) {}

  handle(request: V1Request): V1Outcome {
    const match = this.deps.router.match(request.method, request.path);
    this.deps.stats.recordRequest(match?.label ?? `${request.method} (unrecognized route)`);
    const requestId = newStripeId('req');
    const executed = this.execute(request, match, requestId);
    if (executed.completed && match?.route.charges && this.deps.faults.drawDropAfterCharge()) {
      this.deps.stats.recordDrop();
      return { kind: 'drop' };
    }
    const idempotencyKey = headerValue(request.headers, 'idempotency-key');
    const stripeVersion = headerValue(request.headers, 'stripe-version');
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'Request-Id': requestId,
      ...(stripeVersion ? { 'Stripe-Version': stripeVersion } : {}),
      ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
      ...executed.headers,
    };
    return { kind: 'answer', status: executed.answer.status, headers, body: executed.answer.body };
  }

  private execute(request: V1Request, match: V1Match | null, requestId: string): Executed {
    const injected = this.deps.faults.drawErrorStatus();
    if (injected !== null) {
      this.deps.stats.recordInjectedError(injected);
      return errorAnswer(injectedFault(injected), requestId);
    }
    try {
      const apiKey = authenticate(request.headers);
      if (!match) {
        throw unrecognized(request);
      }
      const params = decodeForm(request.method === 'POST' ? request.body : request.query);
      const key = request.method === 'POST' ? headerValue(request.headers, 'idempotency-key') : '';
      return key
        ? this.executeIdempotently(apiKey, key, request, match, params, requestId)
        : this.run(match, params, null, requestId);
    } catch (error) {
      if (error instanceof EmulatorApiError) {
        return errorAnswer(error, requestId);
      }
      throw error;
    }
  }

  private executeIdempotently(
    apiKey: string,
    key: string,
    request: V1Request,
    match: V1Match,
    params: FormObject,
    requestId: string,
  ): Executed {
    if (key.length > 255) {
      throw idempotencyError(`Idempotency-Key must be at most 255 characters long.`);
    }
    const fingerprint = `${request.method} ${request.path} ${canonicalForm(params)}`;
    const found = this.deps.idempotency.lookup(apiKey, key, fingerprint);
    if (found.kind === 'mismatch') {
      throw idempotencyError(
        'Keys for idempotent requests can only be used with the same parameters they were first ' +
          `used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      );
    }
    if (found.kind === 'replay') {
      this.deps.stats.recordReplay();
      const headers = { 'Idempotent-Replayed': 'true', 'Original-Request': found.answer.requestId };
      return { answer: found.answer, headers, completed: true };
    }
    const executed = this.run(match, params, key, requestId);
    if (executed.completed) {
      this.deps.idempotency.save(apiKey, key, fingerprint, executed.answer);
    }
    return executed;
  }

  /** Runs the endpoint; `completed` is false when Stripe would not save the answer. */
  private run(
    match: V1Match,
    params: FormObject,
    idempotencyKey: string | null,
    requestId: string,
  ): Executed {
    try {
      const context = { id: match.id, params, idempotencyKey };
      const resource = this.deps.events.duringRequest(
        { id: requestId, idempotency_key: idempotencyKey },
        () => match.route.handle(context),
      );
      return {
        answer: { status: 200, body: render(resource), requestId },
        headers: {},
        completed: true,
      };
    } catch (error) {
      if (!(error instanceof EmulatorApiError)) {
        throw error;
      }
      const executed = errorAnswer(error, requestId);
      return { ...executed, completed: error.storable };
    }
  }
}

function unrecognized(request: V1Request): EmulatorApiError {
  const message =
    `Unrecognized request URL (${request.method}: ${request.path}). The Stripe emulator ` +
    'implements PaymentIntents (create, retrieve, search, confirm, capture, cancel) and Refunds.';
  return new EmulatorApiError(404, { type: 'invalid_request_error', message }, false);
}

function idempotencyError(message: string): EmulatorApiError {
  const body: StripeErrorBody = { type: 'idempotency_error', message };
  return new EmulatorApiError(400, body, false);
}
