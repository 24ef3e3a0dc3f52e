import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { OPERATIONAL_ENDPOINT } from '@conveyor/observability';
import type { AuthenticatedRequest } from './auth.decorators';

/**
 * Rate limits per customer (the token's subject) rather than per IP, so one busy customer behind
 * a shared NAT cannot starve the others; anonymous routes fall back to the client address.
 * Counters live in this process: with N replicas a customer gets up to N times the limit.
 */
@Injectable()
export class CustomerThrottlerGuard extends ThrottlerGuard {
  /** Probes and metrics scrapes are never rate limited. */
  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    return Promise.resolve(
      this.reflector.getAllAndOverride<boolean>(OPERATIONAL_ENDPOINT, [
        context.getHandler(),
        context.getClass(),
      ]) ?? false,
    );
  }

  protected override getTracker(request: AuthenticatedRequest & { ip?: string }): Promise<string> {
    return Promise.resolve(
      request.principal
        ? `customer:${request.principal.customerId}`
        : `ip:${request.ip ?? 'unknown'}`,
    );
  }
}
