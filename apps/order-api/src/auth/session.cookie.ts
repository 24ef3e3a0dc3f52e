import type { CookieSerializeOptions } from '@fastify/cookie';
import { CodedError } from '../errors/coded.error';

/**
 * The storefront's sign-in keeps the customer's access token in this cookie, so the page's
 * scripts never hold it (HttpOnly) and the browser's EventSource, which cannot set headers,
 * still authenticates. The API takes it wherever it takes a bearer token.
 */
export const SESSION_COOKIE = 'conveyor_session';

/** How long a storefront session lasts: the token's own lifetime. */
export const SESSION_HOURS = 12;

export function sessionCookieOptions(secure: boolean): CookieSerializeOptions {
  // Strict: no other site's page can make the browser send it, not even a top-level link.
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: SESSION_HOURS * 3600,
  };
}

export class CrossSiteRequestError extends CodedError {
  constructor() {
    super(
      'AUTH.CROSS_SITE_REQUEST',
      'A request signed in by the session cookie must come from one of this site’s own pages',
    );
  }
}

export interface RequestCredentials {
  token: string;
  viaCookie: boolean;
}

interface CredentialSource {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  cookies?: Record<string, string | undefined>;
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The caller's token: the Authorization header if there is one (API clients, unchanged), else
 * the session cookie. A cookie rides along on any request the browser makes, so a write
 * authenticated by it must come from one of this site's own pages: SameSite=Strict already
 * stops other sites; isSameOrigin also stops a sibling subdomain or an older browser (CSRF).
 */
export function credentialsOf(request: CredentialSource): RequestCredentials | undefined {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string') {
    const match = BEARER.exec(authorization);
    return match ? { token: match[1], viaCookie: false } : undefined;
  }
  const token = request.cookies?.[SESSION_COOKIE];
  if (!token) return undefined;
  if (!SAFE_METHODS.has(request.method.toUpperCase()) && !isSameOrigin(request)) {
    throw new CrossSiteRequestError();
  }
  return { token, viaCookie: true };
}

/**
 * Whether the browser says the request comes from a page of this origin. Fetch Metadata first:
 * `Sec-Fetch-Site` is set by the browser alone, and the pages' `Referrer-Policy: no-referrer`
 * makes it send `Origin: null` on their own form posts and fetches. A browser without Fetch
 * Metadata must send an Origin naming this host.
 */
export function isSameOrigin(request: Pick<CredentialSource, 'headers'>): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin';
  const { origin, host } = request.headers;
  if (typeof origin !== 'string' || typeof host !== 'string') return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
