import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessTokenVerifier } from '@conveyor/auth';
import { OPERATIONAL_ENDPOINT } from '@conveyor/observability';
import { CodedError } from '../errors/coded.error';
import { IS_PUBLIC, REQUIRES_ADMIN, type AuthenticatedRequest } from './auth.decorators';
import { credentialsOf } from './session.cookie';

export class AuthenticationRequiredError extends CodedError {
  constructor() {
    super('AUTH.UNAUTHENTICATED', 'A valid bearer token is required');
  }
}

export class AdminRequiredError extends CodedError {
  constructor() {
    super('AUTH.FORBIDDEN', 'This endpoint is for administrators');
  }
}

/**
 * Every route needs a valid bearer token (or the storefront's session cookie, see
 * session.cookie.ts) unless marked @Public(); admin routes need the role.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AccessTokenVerifier) private readonly verifier: AccessTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(OPERATIONAL_ENDPOINT, targets)) return true;
    const request = context
      .switchToHttp()
      .getRequest<AuthenticatedRequest & Parameters<typeof credentialsOf>[0]>();
    const credentials = credentialsOf(request);
    if (!credentials) throw new AuthenticationRequiredError();
    request.principal = await this.verifier.verify(credentials.token).catch(() => {
      throw new AuthenticationRequiredError();
    });
    if (
      this.reflector.getAllAndOverride<boolean>(REQUIRES_ADMIN, targets) &&
      request.principal.role !== 'admin'
    ) {
      throw new AdminRequiredError();
    }
    return true;
  }
}
