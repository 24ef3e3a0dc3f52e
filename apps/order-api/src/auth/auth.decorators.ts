import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@conveyor/auth';

export const IS_PUBLIC = 'conveyor:is-public';
export const REQUIRES_ADMIN = 'conveyor:requires-admin';

/** Open to anonymous callers (catalog, probes). Everything else needs a bearer token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only tokens with `role: "admin"` pass; a customer gets 403. */
export const AdminOnly = () => SetMetadata(REQUIRES_ADMIN, true);

export interface AuthenticatedRequest {
  principal?: Principal;
}

/** The verified caller, set by AuthGuard. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal)
      throw new Error('CurrentPrincipal used on a route AuthGuard did not authenticate');
    return principal;
  },
);
