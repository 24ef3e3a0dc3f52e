import type Stripe from 'stripe';

/** The `error` object of a Stripe v1 error answer, as stripe-node reads it. */
export interface StripeErrorBody {
  type: 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: Stripe.PaymentIntent;
  request_log_url?: string;
}

/**
 * A Stripe error answer raised while handling a /v1 request. `storable` says whether Stripe would
 * save it under the request's Idempotency-Key: Stripe saves every answer once the endpoint started
 * executing (declines and state errors included) but not a request rejected by param validation.
 */
export class EmulatorApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    readonly storable: boolean,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

function docUrl(code: string): string {
  return `https://docs.stripe.com/error-codes/${code.replace(/_/g, '-')}`;
}

export function invalidParam(param: string, message: string, code?: string): EmulatorApiError {
  const body: StripeErrorBody = { type: 'invalid_request_error', message, param };
  if (code) {
    body.code = code;
    body.doc_url = docUrl(code);
  }
  return new EmulatorApiError(400, body, false);
}

export function missingParam(param: string): EmulatorApiError {
  return invalidParam(param, `Missing required param: ${param}.`, 'parameter_missing');
}

export function unknownParam(param: string): EmulatorApiError {
  return invalidParam(param, `Received unknown parameter: ${param}`, 'parameter_unknown');
}

/** An id in the URL path that does not exist answers 404; one named in the body answers 400. */
export function resourceMissing(
  kind: string,
  id: string,
  where: { param: string } | 'path',
): EmulatorApiError {
  const body: StripeErrorBody = {
    type: 'invalid_request_error',
    code: 'resource_missing',
    doc_url: docUrl('resource_missing'),
    message: `No such ${kind}: '${id}'`,
  };
  if (where !== 'path') {
    body.param = where.param;
  }
  return new EmulatorApiError(where === 'path' ? 404 : 400, body, true);
}

export function stateError(
  code: string,
  message: string,
  paymentIntent?: Stripe.PaymentIntent,
  param?: string,
): EmulatorApiError {
  const body: StripeErrorBody = {
    type: 'invalid_request_error',
    code,
    doc_url: docUrl(code),
    message,
  };
  if (param) {
    body.param = param;
  }
  if (paymentIntent) {
    body.payment_intent = paymentIntent;
  }
  return new EmulatorApiError(400, body, true);
}

export function cardError(
  error: Stripe.PaymentIntent.LastPaymentError,
  paymentIntent: Stripe.PaymentIntent,
): EmulatorApiError {
  const body: StripeErrorBody = {
    type: 'card_error',
    code: error.code,
    decline_code: error.decline_code,
    doc_url: error.doc_url,
    message: error.message ?? 'Your card was declined.',
    charge: error.charge,
    payment_intent: paymentIntent,
  };
  return new EmulatorApiError(402, body, true);
}

/** The answer to a request the fault injector fails before any work is done. */
export function injectedFault(status: number): EmulatorApiError {
  if (status === 429) {
    const message =
      'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.';
    const body: StripeErrorBody = { type: 'invalid_request_error', code: 'rate_limit', message };
    return new EmulatorApiError(429, body, false, { 'Retry-After': '1' });
  }
  if (status === 409) {
    const message =
      'This object cannot be accessed right now because another API request or Stripe process is currently accessing it.';
    const body: StripeErrorBody = { type: 'invalid_request_error', code: 'lock_timeout', message };
    return new EmulatorApiError(409, body, false);
  }
  const message = `An unknown error occurred (HTTP ${status} injected by the Stripe emulator).`;
  return new EmulatorApiError(status, { type: 'api_error', message }, false);
}
