import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessTokenVerifier } from '@conveyor/auth';
import { OPERATIONAL_ENDPOINT } from '@conveyor/observability';
import { CodedError } from '../errors/coded.error';
import { IS_PUBLIC, REQUIRES_ADMIN, type AuthenticatedRequest } from './auth.decorators';

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

/** Every route needs a valid bearer token unless marked @Public(); admin routes need the role. */
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
      .getRequest<AuthenticatedRequest & { headers: Record<string, string | undefined> }>();
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(request.headers.authorization ?? '');
    if (!match) throw new AuthenticationRequiredError();
    request.principal = await this.verifier.verify(match[1]).catch(() => {
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
