import { Injectable } from '@nestjs/common';
import { AccessTokenVerifier } from '@conveyor/auth';
import { SESSION_COOKIE } from '../auth/session.cookie';

/**
 * Who is shopping, for public pages that only greet: a missing, expired or forged session is
 * simply nobody. Routes that act for the customer are signed in by AuthGuard instead.
 */
@Injectable()
export class ShopSessionReader {
  constructor(private readonly verifier: AccessTokenVerifier) {}

  async customerOf(request: { cookies?: Record<string, string | undefined> }) {
    const token = request.cookies?.[SESSION_COOKIE];
    if (!token) return undefined;
    const principal = await this.verifier.verify(token).catch(() => undefined);
    return principal?.customerId;
  }
}
