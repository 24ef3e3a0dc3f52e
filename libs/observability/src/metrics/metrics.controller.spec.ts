import { Counter } from 'prom-client';
import { MetricsService } from './metrics.service';
import {
  errorCodeOf,
  startTestService,
  TEST_SERVICE,
  type TestService,
} from '../testing/test-service.fixture';

/** The value of the one sample of `name` carrying all of `labels`, in Prometheus text format. */
function sampleValue(text: string, name: string, labels: Record<string, string>): number {
  const samples = text.split('\n').filter((line) => {
    if (!line.startsWith(`${name}{`)) return false;
    return Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`));
  });
  expect(samples).toHaveLength(1);
  return Number(samples[0].split(' ').at(-1));
}

describe('metrics', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });

  afterAll(async () => {
    await service.app.close();
  });

  async function scrape() {
    const response = await fetch(`${service.baseUrl}/metrics`);
    return { contentType: response.headers.get('content-type'), text: await response.text() };
  }

  it('serves default process metrics labelled with the service', async () => {
    const { contentType, text } = await scrape();

    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="test-service"\} /m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds\{service="test-service"\} /m);
  });

  it('times HTTP requests by route template, not raw url', async () => {
    await fetch(`${service.baseUrl}/orders/o-1`);
    await fetch(`${service.baseUrl}/orders/o-2`);
    await fetch(`${service.baseUrl}/no/such/route/9f1c`);

    const { text } = await scrape();

    const orders = {
      method: 'GET',
      route: '/orders/:id',
      status_code: '200',
      service: TEST_SERVICE,
    };
    expect(sampleValue(text, 'conveyor_http_requests_total', orders)).toBe(2);
    expect(sampleValue(text, 'conveyor_http_request_duration_seconds_count', orders)).toBe(2);
    expect(
      sampleValue(text, 'conveyor_http_request_duration_seconds_bucket', { ...orders, le: '+Inf' }),
    ).toBe(2);
    const unmatched = { route: 'unmatched', status_code: '404' };
    expect(sampleValue(text, 'conveyor_http_requests_total', unmatched)).toBe(1);
    expect(text).not.toContain('o-1');
    expect(text).not.toContain('9f1c');
  });

  it('returns the same metric when asked twice, so it is created once', async () => {
    const metrics = service.app.get(MetricsService);
    const config = { name: 'conveyor_orders_placed_total', help: 'Orders placed' };

    const first = metrics.counter(config);
    first.inc(3);

    expect(metrics.counter(config)).toBe(first);
    expect(first).toBeInstanceOf(Counter);
    expect(sampleValue((await scrape()).text, 'conveyor_orders_placed_total', {})).toBe(3);
  });

  it('refuses a metric outside the conveyor_ namespace or of another type', () => {
    const metrics = service.app.get(MetricsService);
    metrics.gauge({ name: 'conveyor_queue_depth', help: 'Messages waiting' });

    expect(errorCodeOf(() => metrics.counter({ name: 'queue_depth', help: 'x' }))).toBe(
      'METRIC.NAME_INVALID',
    );
    expect(errorCodeOf(() => metrics.counter({ name: 'conveyor_queue_depth', help: 'x' }))).toBe(
      'METRIC.TYPE_CONFLICT',
    );
    expect(metrics.histogram({ name: 'conveyor_handle_seconds', help: 'x' })).toBe(
      metrics.histogram({ name: 'conveyor_handle_seconds', help: 'x' }),
    );
  });
});
