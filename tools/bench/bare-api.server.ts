import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { AccessTokenVerifier } from '@conveyor/auth';
import {
  placeOrder,
  problem,
  type PlaceOrderBody,
  type PlaceOrderDeps,
} from './bare-place-order.handler';

/**
 * The API baseline: Fastify and `pg`, no framework. It does what `POST /orders` does — verify
 * the token, check the body, price the lines, then commit the order, its items, the payment
 * request in the outbox and the idempotency record — with as little as a hand-written service
 * needs (see bare-place-order.handler.ts), and sends the payment request after the commit.
 */
export function bareApiServer(deps: PlaceOrderDeps, jwtSecret: string): FastifyInstance {
  const verifier = new AccessTokenVerifier({ kind: 'hs256', secret: jwtSecret });
  const app = Fastify({ logger: false });
  app.get('/health/ready', () => ({ status: 'ok' }));
  app.post('/orders', async (request, reply) => {
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(request.headers.authorization ?? '');
    const principal = match ? await verifier.verify(match[1]).catch(() => undefined) : undefined;
    if (!principal) return problem(reply, 401, 'AUTH.UNAUTHENTICATED');
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || !/^[\x20-\x7E]{1,255}$/.test(key)) {
      return problem(reply, 400, 'IDEMPOTENCY.KEY_INVALID');
    }
    const body = validBody(request);
    if (!body) return problem(reply, 400, 'REQUEST.VALIDATION_FAILED');
    return placeOrder(deps, reply, { customerId: principal.customerId, key, body });
  });
  return app;
}

/** Hand-written checks of what the order needs; the framework does more (see docs/performance.md). */
function validBody(request: FastifyRequest): PlaceOrderBody | undefined {
  const body = request.body as Partial<PlaceOrderBody> | undefined;
  const items = body?.items;
  if (!body || !Array.isArray(items) || items.length < 1 || items.length > 50) return undefined;
  const lineOk = (line: PlaceOrderBody['items'][number]) =>
    typeof line?.sku === 'string' &&
    /^[A-Z0-9][A-Z0-9-]{0,63}$/.test(line.sku) &&
    Number.isInteger(line.quantity) &&
    line.quantity >= 1 &&
    line.quantity <= 100;
  if (!items.every(lineOk) || new Set(items.map((line) => line.sku)).size !== items.length)
    return undefined;
  if (
    typeof body.paymentMethod !== 'string' ||
    !/^pm_[A-Za-z0-9_]{1,120}$/.test(body.paymentMethod)
  )
    return undefined;
  const address = body.shippingAddress;
  const fields = ['name', 'line1', 'city', 'postalCode', 'country'];
  if (
    !address ||
    !fields.every((field) => typeof address[field] === 'string' && address[field].length > 0)
  ) {
    return undefined;
  }
  return body as PlaceOrderBody;
}
