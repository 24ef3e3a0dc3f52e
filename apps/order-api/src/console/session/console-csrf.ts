import { createHmac, timingSafeEqual } from 'node:crypto';

/** The form field and request header that carry a console session's CSRF token. */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * A session's CSRF token: an HMAC keyed with the session cookie. Another site can neither read
 * the cookie (HttpOnly, and never sent cross-site under SameSite=Strict) nor the pages that carry
 * the token, so it cannot forge the token; keying with the cookie needs no server-side secret, so
 * every replica computes the same token and JWKS deployments (which have no shared secret) work.
 */
export function csrfTokenFor(sessionCookie: string): string {
  return createHmac('sha256', sessionCookie).update('conveyor-console-csrf').digest('base64url');
}

/** Constant-time comparison of a presented token with the session's. */
export function isValidCsrfToken(sessionCookie: string, presented: unknown): boolean {
  if (typeof presented !== 'string' || presented.length === 0) return false;
  const expected = Buffer.from(csrfTokenFor(sessionCookie));
  const actual = Buffer.from(presented);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Whether a state-changing request comes from the console's own origin. Browsers say so in
 * Sec-Fetch-Site, which pages cannot set; one that does not send it is judged by Origin against
 * the Host header (which a reverse proxy in front of the API must preserve). Origin alone is not
 * enough: under helmet's `Referrer-Policy: no-referrer` a browser sends `Origin: null` with a
 * same-origin form post. A request with neither header is refused: the console is for browsers.
 */
export function isSameOrigin(headers: {
  'sec-fetch-site'?: string;
  origin?: string;
  host?: string;
}): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const { origin, host } = headers;
  if (!origin || !host || origin === 'null') return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
