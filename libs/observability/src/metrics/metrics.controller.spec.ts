import { Counter } from 'prom-client';
import { MetricsService } from './metrics.service';
import { METRICS } from './metric.catalog';
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

    const first = metrics.counter(METRICS.ordersPlaced);
    first.inc(3);

    expect(metrics.counter(METRICS.ordersPlaced)).toBe(first);
    expect(first).toBeInstanceOf(Counter);
    expect(sampleValue((await scrape()).text, 'conveyor_orders_placed_total', {})).toBe(3);
  });

  it('refuses a metric that is not a definition of the catalog, even under a catalog name', () => {
    const metrics = service.app.get(MetricsService);
    const copy = { ...METRICS.outboxBacklog };

    expect(errorCodeOf(() => metrics.gauge(copy))).toBe('METRIC.NOT_IN_CATALOG');
    expect(
      errorCodeOf(() =>
        metrics.counter({
          type: 'counter',
          name: 'conveyor_made_up_total',
          help: 'x',
          labelNames: [],
        }),
      ),
    ).toBe('METRIC.NOT_IN_CATALOG');
    expect(metrics.histogram(METRICS.messageWait)).toBe(metrics.histogram(METRICS.messageWait));
  });

  it('runs a gauge’s collect at every scrape', async () => {
    const metrics = service.app.get(MetricsService);
    let reads = 0;
    metrics.gauge(METRICS.outboxOldestAge, (gauge) => gauge.set(++reads * 10));

    expect(sampleValue((await scrape()).text, 'conveyor_outbox_oldest_age_seconds', {})).toBe(10);
    expect(sampleValue((await scrape()).text, 'conveyor_outbox_oldest_age_seconds', {})).toBe(20);
  });
});
