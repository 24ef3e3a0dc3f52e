import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runLoadTest, writeReports, type LoadReport } from '../../../tools/loadtest';
import { startE2eStack, TEST_JWT_SECRET, type E2eStack } from '../../support/e2e-stack';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

// jest.config.js sets testTimeout per project, where Jest ignores it: the default 5 s would apply.
jest.setTimeout(180_000);

const env = testEnvironment();
const TERMINAL = ['SHIPPED', 'PAYMENT_FAILED', 'OUT_OF_STOCK', 'CANCELLED'];

describe('load kit smoke run (a few seconds at a low rate against the four apps)', () => {
  let e2e: E2eStack;
  let reportsDir: string;

  beforeAll(async () => {
    e2e = await startE2eStack({ label: 'loadkit' });
    reportsDir = await mkdtemp(path.join(tmpdir(), 'conveyor-loadkit-'));
  });

  afterAll(async () => {
    await e2e?.stop();
    if (reportsDir) await rm(reportsDir, { recursive: true, force: true });
  });

  it('writes well-formed JSON and HTML reports and accounts for every accepted order', async () => {
    // Its own SKUs, so the run never takes stock another test counts on; one is nearly sold out.
    const skus = [uniqueSku('load-mug'), uniqueSku('load-tee'), uniqueSku('load-flash')];
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [
      { sku: skus[0], priceCents: 1250, stock: 1000 },
      { sku: skus[1], priceCents: 1999, stock: 1000 },
      { sku: skus[2], priceCents: 8900, stock: 2 },
    ]);

    const report = await runLoadTest({
      baseUrl: e2e.api.baseUrl,
      profile: 'smoke',
      phases: [{ name: 'steady', durationSeconds: 5, ratePerSecond: 4 }],
      jwtSecret: TEST_JWT_SECRET,
      queues: {
        endpoint: env.CONVEYOR_TEST_SQS_ENDPOINT,
        region: 'us-east-1',
        prefix: e2e.prefix,
        mode: e2e.mode,
      },
      skus,
      customers: 50,
      declineShare: 0.25,
      drainTimeoutSeconds: 120,
      seed: 7,
      processes: (['order-api', 'payment-worker'] as const).map((app) => ({
        name: app,
        metricsUrl: `http://127.0.0.1:${e2e.ports[app]}/metrics`,
      })),
      processIntervalSeconds: 1,
    });
    const written = await writeReports(report, reportsDir);

    const json = JSON.parse(await readFile(written.jsonPath, 'utf8')) as LoadReport;
    expect(path.basename(written.jsonPath)).toMatch(/^\d{4}-\d\d-\d\dT[\d-]+Z-smoke\.json$/);
    expect(json).toMatchObject({ version: 1, profile: 'smoke', settings: { skus, customers: 50 } });
    expect(json.samples.length).toBeGreaterThanOrEqual(5);
    for (const sample of json.samples) {
      expect(Object.keys(sample).sort()).toEqual(
        [
          'accepted',
          'apiLatencyMs',
          'at',
          'backlog',
          'completed',
          'dlqs',
          'endToEndMs',
          'offered',
          'phase',
          'queues',
          'statusCounts',
          't',
          'targetRate',
        ].sort(),
      );
      expect(Object.keys(sample.queues ?? {}).sort()).toEqual([
        'inventory',
        'order-events',
        'payments',
        'shipping',
      ]);
    }
    expect(json.warnings).toEqual([]);

    const { summary, accounting } = json;
    expect(summary.requestsSent).toBeGreaterThan(0);
    // The mix sends only valid orders, so any other answer (a 5xx, no answer at all) is a failure.
    expect(summary.statusCounts).toEqual({ '202': summary.requestsSent });
    expect(summary.errorCounts).toEqual({});
    expect(summary.accepted).toBe(summary.requestsSent);
    expect(summary.observerErrors).toBe(0);
    expect(sum(json.samples.map((sample) => sample.offered))).toBe(summary.requestsSent);
    expect(summary.drained).toBe(true);

    // Every accepted order is accounted for: terminal, none in progress or missing.
    expect(accounting.accepted).toBe(summary.accepted);
    expect(accounting.terminal).toBe(accounting.accepted);
    expect(accounting).toMatchObject({
      inProgress: 0,
      missing: 0,
      unaccountedIds: [],
      allAccountedFor: true,
    });
    expect(Object.keys(accounting.byStatus).every((status) => TERMINAL.includes(status))).toBe(
      true,
    );
    expect(sum(accounting.byStatus)).toBe(accounting.accepted);
    expect(sum(json.samples.map((sample) => sample.completed))).toBe(accounting.terminal);

    // Memory and open handles per process, sampled from each app's /metrics, with their trends.
    expect(json.processes.map((process) => process.name)).toEqual(['order-api', 'payment-worker']);
    for (const process of json.processes) {
      expect(process.errors).toBe(0);
      expect(process.points.length).toBeGreaterThanOrEqual(5);
      for (const point of process.points) {
        expect(point.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
        expect(point.heapUsedBytes).toBeGreaterThan(1024 * 1024);
        expect(point.handles).toBeGreaterThan(0);
      }
      // A few seconds is within the warm-up: no verdict either way.
      expect(process.trends.rssBytes.verdict).toBe('too short');
    }

    const html = await readFile(written.htmlPath, 'utf8');
    expect(html).toContain('Open handles per process');
    expect(written.htmlPath).toBe(written.jsonPath.replace(/\.json$/, '.html'));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(5);
    // Opens from disk with no network: nothing to fetch.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|@import|url\(/i);
  });
});

function sum(values: Record<string, number> | number[]): number {
  return Object.values(values).reduce((total, value) => total + value, 0);
}
