import type { FastifyInstance } from 'fastify';
import type { MetricsService } from './metrics.service';
import { METRICS } from './metric.catalog';

/** Requests no route matched share one label value, so scanners cannot explode the series. */
const UNMATCHED_ROUTE = 'unmatched';

/**
 * Counts and times every response, labelled by the route template (`/orders/:id`) rather than
 * the raw url, which would make one series per order.
 */
export function installHttpMetricsHook(fastify: FastifyInstance, metrics: MetricsService): void {
  const requests = metrics.counter(METRICS.httpRequests);
  const latency = metrics.histogram(METRICS.httpRequestDuration);
  fastify.addHook('onResponse', (request, reply, done) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? UNMATCHED_ROUTE,
      status_code: String(reply.statusCode),
    };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
    done();
  });
}
