import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { CONVEYOR_APPS, type ConveyorApp } from '@conveyor/contracts';
import { waitFor } from '@conveyor/dev-stack';
import { METRIC_CATALOG } from '@conveyor/observability';
import { envelopeOf } from '@conveyor/testing';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { scrapeMetrics, sampleOf, type Scrape } from '../../support/metrics-scrape';
import { waitForOrderStatus } from '../../support/order-pipeline.probe';
import { fifoFieldsFor, sendCopies, sqsClientFor } from '../../support/queue-messages.probe';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

const env = testEnvironment();
/** Labels every series carries besides its own: the registry's, and a histogram's bucket. */
const ADDED_LABELS = ['service', 'le'];

/**
 * The four apps as real processes, scraped: every `conveyor_` family they expose is in
 * METRIC_CATALOG with its type and labels, every catalog family is exposed by some app (so the
 * dashboard and alert checks against the catalog hold for what Prometheus would really see), and
 * the queue, DLQ, wait, duplicate, outbox, Stripe and order series carry sensible values.
 */
describe('/metrics of the running apps', () => {
  let e2e: E2eStack;
  let sqs: SQSClient;
  const sampleFast = { QUEUE_METRICS_INTERVAL_SECONDS: '1' };

  beforeAll(async () => {
    e2e = await startE2eStack({
      label: 'metrics',
      extraEnv: {
        'order-api': { ...sampleFast, ORDER_METRICS_INTERVAL_SECONDS: '1' },
        'payment-worker': sampleFast,
        'inventory-worker': sampleFast,
        'shipping-worker': sampleFast,
      },
    });
    sqs = sqsClientFor(env.CONVEYOR_TEST_SQS_ENDPOINT);
  }, 90_000);

  afterAll(async () => {
    sqs?.destroy();
    await e2e?.stop();
  }, 60_000);

  const scrape = (app: ConveyorApp) => scrapeMetrics(e2e.ports[app]);
  /** Scrapes `app` until `check` returns a value (not undefined), and returns it. */
  const eventually = <T>(app: ConveyorApp, what: string, check: (s: Scrape) => T | undefined) =>
    waitFor(async () => check(await scrape(app)), {
      timeoutMs: 30_000,
      description: `${app} /metrics to show ${what}`,
    });

  it('exposes exactly the catalog, with its types and label names', async () => {
    const scrapes = await Promise.all(CONVEYOR_APPS.map(scrape));
    const exposed = new Map<string, string>();
    for (const { types, samples } of scrapes) {
      for (const [name, type] of types) if (name.startsWith('conveyor_')) exposed.set(name, type);
      for (const sample of samples.filter((s) => s.name.startsWith('conveyor_'))) {
        const family = METRIC_CATALOG.find(
          (metric) => sample.name === metric.name || sample.name.startsWith(`${metric.name}_`),
        );
        const allowed = [...(family?.labelNames ?? []), ...ADDED_LABELS];
        const extra = Object.keys(sample.labels).filter((label) => !allowed.includes(label));
        expect({ series: sample.name, extra }).toEqual({ series: sample.name, extra: [] });
      }
    }
    const catalog = new Map(METRIC_CATALOG.map((metric) => [metric.name, metric.type]));
    expect(Object.fromEntries([...exposed].sort())).toEqual(
      Object.fromEntries([...catalog].sort()),
    );
  });

  it('runs each app with a young generation of at most 2 × 16 MB (APP_NODE_FLAGS reach it)', async () => {
    const newSpace = await Promise.all(
      CONVEYOR_APPS.map(async (app) =>
        sampleOf(await scrape(app), 'nodejs_heap_space_size_total_bytes', { space: 'new' }),
      ),
    );
    for (const bytes of newSpace) expect(bytes).toBeLessThanOrEqual(32 * 1024 * 1024);
  });

  it('shows queue depths, a dead letter, message waits, a duplicate, the outbox, Stripe and orders', async () => {
    const sku = uniqueSku('metrics-mug');
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 700, stock: 10 }]);
    const token = await e2e.token('metrics-customer');
    const placed = await e2e.api.placeOrder(token, [{ sku, quantity: 1 }]);
    expect(placed.status).toBe(202);
    await waitForOrderStatus(e2e, token, placed.body.id, 'SHIPPED', 60_000);

    // Poison on payments goes to its DLQ; the same envelope twice on order-events is one effect.
    const payments = e2e.directory.payments.workUrl;
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: payments,
        MessageBody: 'not json',
        ...fifoFieldsFor(payments, 'metrics-poison'),
      }),
    );
    const news = envelopeOf('order.stock-levels-changed', null, {
      levels: [{ sku, available: 9 }],
    });
    await sendCopies(sqs, e2e.directory['order-events'].workUrl, JSON.stringify(news), 2);

    // The queue and its DLQ are read by separate calls: wait for a sample taken after the move.
    const states = ['visible', 'in_flight', 'delayed'];
    const dead = await eventually('payment-worker', 'the dead letter', (s) => {
      const value = sampleOf(s, 'conveyor_dlq_messages', { queue: 'payments' });
      const emptied = states.every(
        (state) => sampleOf(s, 'conveyor_queue_messages', { queue: 'payments', state }) === 0,
      );
      return value === 1 && emptied ? s : undefined;
    });
    expect(
      sampleOf(dead, 'conveyor_messages_handled_seconds_count', {
        queue: 'payments',
        type: 'unknown',
        outcome: 'poison',
      }),
    ).toBe(1);
    const stripe = (operation: string) =>
      sampleOf(dead, 'conveyor_stripe_calls_total', { operation, outcome: 'success' });
    expect({ authorize: stripe('authorize'), capture: stripe('capture') }).toEqual({
      authorize: 1,
      capture: 1,
    });

    const api = await eventually('order-api', 'the duplicate and SHIPPED', (s) => {
      const shipped = sampleOf(s, 'conveyor_orders', { status: 'SHIPPED' }) ?? 0;
      const duplicates = sampleOf(s, 'conveyor_messages_duplicate_total', {
        queue: 'order-events',
        type: 'order.stock-levels-changed',
      });
      return shipped >= 1 && duplicates === 1 ? s : undefined;
    });
    const wait = (name: string) =>
      sampleOf(api, `conveyor_message_wait_seconds_${name}`, { queue: 'order-events' }) ?? 0;
    // The order's own events and the two copies: each received at least once, none waiting long.
    expect(wait('count')).toBeGreaterThanOrEqual(6);
    expect(wait('sum')).toBeGreaterThanOrEqual(0);
    expect(wait('sum') / wait('count')).toBeLessThan(30);
    const firstDeliveries = sampleOf(api, 'conveyor_message_receive_count_bucket', {
      queue: 'order-events',
      le: '1',
    });
    expect(firstDeliveries).toBeGreaterThanOrEqual(6);
    expect(sampleOf(api, 'conveyor_outbox_backlog')).toBe(0);
    expect(sampleOf(api, 'conveyor_outbox_oldest_age_seconds')).toBe(0);
    expect(
      sampleOf(api, 'conveyor_queue_messages', { queue: 'order-events', state: 'visible' }),
    ).toBe(0);
    expect(sampleOf(api, 'conveyor_dlq_messages', { queue: 'order-events' })).toBe(0);
  });
});
