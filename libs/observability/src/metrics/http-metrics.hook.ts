import type { FastifyInstance } from 'fastify';
import type { MetricsService } from './metrics.service';

/** Requests no route matched share one label value, so scanners cannot explode the series. */
const UNMATCHED_ROUTE = 'unmatched';

const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Counts and times every response, labelled by the route template (`/orders/:id`) rather than
 * the raw url, which would make one series per order.
 */
export function installHttpMetricsHook(fastify: FastifyInstance, metrics: MetricsService): void {
  const labelNames = ['method', 'route', 'status_code'] as const;
  const requests = metrics.counter({
    name: 'conveyor_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status code',
    labelNames,
  });
  const latency = metrics.histogram({
    name: 'conveyor_http_request_duration_seconds',
    help: 'HTTP request latency in seconds, by method, route template and status code',
    labelNames,
    buckets: LATENCY_BUCKETS_SECONDS,
  });
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
