import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessTokenVerifier, type Principal } from '@conveyor/auth';
import { ORDER_API_CONFIG, type OrderApiConfig } from '../../order-api.config';
import {
  CSRF_FIELD,
  CSRF_HEADER,
  csrfTokenFor,
  isSameOrigin,
  isValidCsrfToken,
} from './console-csrf';
import { ConsoleRefusal } from './console-refusal';

export const SESSION_COOKIE = 'conveyor_console';
export const CONSOLE_PATH = '/console';

/** A signed-in administrator and the CSRF token their pages carry. */
export interface ConsoleSession {
  admin: Principal;
  csrfToken: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * The console's sign-in state: the administrator's own access token, kept in a cookie the page's
 * scripts cannot read (HttpOnly), that is never sent cross-site (SameSite=Strict) and only over
 * TLS outside development and tests (Secure). Every request re-verifies the token, so it expires
 * when the token does; state-changing requests also need the CSRF token and the same Origin.
 */
@Injectable()
export class ConsoleSessions {
  constructor(
    private readonly verifier: AccessTokenVerifier,
    @Inject(ORDER_API_CONFIG) private readonly config: OrderApiConfig,
  ) {}

  /** Verifies a token typed into the sign-in form; only administrators get a session. */
  async signIn(token: string, reply: FastifyReply): Promise<Principal> {
    const principal = await this.verifier.verify(token.trim()).catch(() => {
      throw ConsoleRefusal.forbidden('That token is not valid: it is malformed, forged or expired');
    });
    if (principal.role !== 'admin') {
      throw ConsoleRefusal.forbidden(
        'That is a customer token: the console is for administrators (npm run -s token -- --sub you --role admin)',
      );
    }
    void reply.setCookie(SESSION_COOKIE, token.trim(), {
      path: CONSOLE_PATH,
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.nodeEnv === 'production',
    });
    return principal;
  }

  signOut(reply: FastifyReply): void {
    void reply.clearCookie(SESSION_COOKIE, { path: CONSOLE_PATH });
  }

  /** The request's session; refuses a missing, invalid or non-admin one and a forged action. */
  async authenticate(request: FastifyRequest): Promise<ConsoleSession> {
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) throw ConsoleRefusal.signIn();
    const admin = await this.verifier.verify(cookie).catch(() => {
      throw ConsoleRefusal.signIn();
    });
    if (admin.role !== 'admin') throw ConsoleRefusal.signIn();
    if (!SAFE_METHODS.has(request.method)) checkAction(request, cookie);
    return { admin, csrfToken: csrfTokenFor(cookie) };
  }

  /** Sign-in has no session yet: it is still refused from another origin (login CSRF). */
  checkOrigin(request: FastifyRequest): void {
    if (!isSameOrigin(request.headers)) {
      throw ConsoleRefusal.forbidden('Refused: this request did not come from the console');
    }
  }
}

function checkAction(request: FastifyRequest, cookie: string): void {
  if (!isSameOrigin(request.headers)) {
    throw ConsoleRefusal.forbidden('Refused: this request did not come from the console');
  }
  const body = request.body as Record<string, unknown> | undefined;
  const presented = request.headers[CSRF_HEADER] ?? body?.[CSRF_FIELD];
  if (!isValidCsrfToken(cookie, presented)) {
    throw ConsoleRefusal.forbidden('Refused: the form is missing its CSRF token; reload the page');
  }
}
