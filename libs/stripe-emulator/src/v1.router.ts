import type { FormObject } from './form.decoder';

export interface V1RequestContext {
  /** The `:id` segment of the matched route, when it has one. */
  id: string;
  params: FormObject;
  idempotencyKey: string | null;
}

export interface V1Route {
  method: 'GET' | 'POST';
  /** Express-style path, e.g. `/v1/payment_intents/:id/capture`; also the stats label. */
  path: string;
  /** Moves money (PaymentIntent create/confirm/capture): the answers dropAfterCharge may drop. */
  charges?: boolean;
  /** Answers the resource to send with HTTP 200, or throws an EmulatorApiError. */
  handle(context: V1RequestContext): unknown;
}

export interface V1Match {
  route: V1Route;
  label: string;
  id: string;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A malformed escape cannot name an object; kept raw it simply answers resource_missing.
    return segment;
  }
}

interface CompiledRoute {
  route: V1Route;
  pattern: RegExp;
}

export class V1Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: V1Route[]) {
    this.compiled = routes.map((route) => ({
      route,
      pattern: new RegExp(`^${route.path.replace(':id', '([^/]+)')}$`),
    }));
  }

  match(method: string, path: string): V1Match | null {
    for (const { route, pattern } of this.compiled) {
      const found = route.method === method ? pattern.exec(path) : null;
      if (found) {
        return { route, label: `${method} ${route.path}`, id: decodeSegment(found[1] ?? '') };
      }
    }
    return null;
  }
}
