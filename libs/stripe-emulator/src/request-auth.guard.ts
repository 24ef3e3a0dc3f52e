import type { IncomingHttpHeaders } from 'node:http';
import { EmulatorApiError } from './api.error';

const NO_KEY =
  'You did not provide an API key. You need to provide your API key in the Authorization header, ' +
  "using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See " +
  'https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.';

function unauthorized(message: string): EmulatorApiError {
  return new EmulatorApiError(401, { type: 'invalid_request_error', message }, false, {
    'WWW-Authenticate': 'Basic realm="Stripe"',
  });
}

function redact(key: string): string {
  const prefixEnd = key.lastIndexOf('_') + 1;
  const hidden = Math.max(key.length - prefixEnd - 4, 0);
  return `${key.slice(0, prefixEnd)}${'*'.repeat(hidden)}${key.slice(prefixEnd + hidden)}`;
}

/** Stripe takes the secret key as a Bearer token or as the Basic-auth user name (curl -u sk:). */
function presentedKey(authorization: string): string {
  const [scheme, credentials = ''] = authorization.trim().split(/\s+/, 2);
  if (scheme.toLowerCase() === 'basic') {
    return Buffer.from(credentials, 'base64').toString('utf8').split(':')[0];
  }
  return scheme.toLowerCase() === 'bearer' ? credentials : '';
}

/**
 * The API key a /v1 request authenticates with. The emulator is test mode only: any
 * `sk_test_…` key is accepted, and idempotency keys are scoped to it.
 */
export function authenticate(headers: IncomingHttpHeaders): string {
  const authorization = headers.authorization;
  if (!authorization) {
    throw unauthorized(NO_KEY);
  }
  const key = presentedKey(authorization);
  if (!/^sk_test_\w+$/.test(key)) {
    throw unauthorized(`Invalid API Key provided: ${redact(key)}`);
  }
  return key;
}
