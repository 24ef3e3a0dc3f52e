import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CONVEYOR_APPS,
  ensureDatabase,
  withPostgresClient,
  freePort,
  runMigrateProcess,
  startEmbeddedPostgres,
  waitFor,
  type EmbeddedPostgresProcess,
} from '@conveyor/dev-stack';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { expectInvariants } from '../../support/invariants';
import {
  expectServiceUnavailable,
  isRunning,
  readinessOf,
  waitForOrderStatus,
  withDeadline,
} from '../../support/order-pipeline.probe';
import { pidsOf, reportMeasured, waitForOutboxesDrained } from '../../support/outage.probe';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

const env = testEnvironment();
const STOCK = 40;
const OUTAGE_MS = 10_000;

/**
 * R11 with the workers running: the test's own PostgreSQL (never the shared one) is stopped hard,
 * as `pg_ctl stop -m immediate` does, while orders are in flight, and started again on the same
 * data directory and port 10 s later.
 */
describe('faults R11: PostgreSQL stopped hard with every app running', () => {
  let parent: string;
  let dataDir: string;
  let port: number;
  let postgres: EmbeddedPostgresProcess;
  let databaseUrl: string;
  let e2e: E2eStack;

  beforeAll(async () => {
    parent = mkdtempSync(path.join(tmpdir(), 'conveyor-r11-'));
    // As root, PostgreSQL runs as the postgres user, which must be able to create its data dir.
    chmodSync(parent, 0o777);
    dataDir = path.join(parent, 'data');
    port = await freePort();
    postgres = await startEmbeddedPostgres({ dataDir, port });
    databaseUrl = await ensureDatabase(postgres.adminUrl, 'conveyor_r11');
    await Promise.all(
      CONVEYOR_APPS.map((app) =>
        runMigrateProcess({ app, env: { PATH: '', DATABASE_URL: databaseUrl } }),
      ),
    );
    const onEmbedded = { DATABASE_URL: databaseUrl };
    e2e = await startE2eStack({
      label: 'pg-crash',
      extraEnv: Object.fromEntries(CONVEYOR_APPS.map((app) => [app, onEmbedded])),
    });
  }, 180_000);

  afterAll(async () => {
    await e2e?.stop();
    await postgres?.stop();
    rmSync(parent, { recursive: true, force: true });
  }, 60_000);

  it('answers 503 during the outage, keeps every process, and settles every order after it', async () => {
    const sku = uniqueSku('r11');
    await seedProducts(databaseUrl, [{ sku, priceCents: 880, stock: STOCK }]);
    const token = await e2e.token('r11-customer');
    const placed = await Promise.all(
      Array.from({ length: 10 }, () => e2e.api.placeOrder(token, [{ sku, quantity: 1 }])),
    );
    expect(placed.map((response) => response.status)).toEqual(Array(10).fill(202));
    const ids = placed.map((response) => response.body.id as string);
    const pids = pidsOf(e2e);

    const shippedBefore = await shippedAmong(databaseUrl, ids);
    await postgres.crash();
    const outageStarted = Date.now();
    for (const app of CONVEYOR_APPS) {
      await waitFor(async () => (await readinessOf(e2e, app)) === 503, {
        timeoutMs: 30_000,
        description: `${app} to report not ready while PostgreSQL is down`,
      });
    }
    reportMeasured('R11 readiness red on all four apps after (ms)', Date.now() - outageStarted);
    // In flight: some orders were still on their way through the workers when it stopped.
    expect(shippedBefore).toBeLessThan(ids.length);
    // Answers, fast enough for a client to act on: 503 with Retry-After, never a hang or a 500.
    for (let round = 1; round <= 3; round++) {
      const response = await withDeadline(
        e2e.api.placeOrder(token, [{ sku, quantity: 1 }]),
        10_000,
        `POST /orders in round ${round}`,
      );
      expectServiceUnavailable(response);
    }
    await waitFor(() => Date.now() - outageStarted >= OUTAGE_MS, {
      timeoutMs: OUTAGE_MS + 1_000,
      description: 'the outage to last 10 s',
    });
    for (const app of CONVEYOR_APPS) expect(isRunning(e2e.stack.service(app))).toBe(true);

    postgres = await startEmbeddedPostgres({ dataDir, port });
    const restarted = Date.now();
    for (const app of CONVEYOR_APPS) {
      await waitFor(async () => (await readinessOf(e2e, app)) === 200, {
        timeoutMs: 60_000,
        description: `${app} to be ready again`,
      });
    }
    reportMeasured(
      'R11 readiness green on all four apps after restart (ms)',
      Date.now() - restarted,
    );
    // Every order placed before the crash ships: what a worker did not commit it did not delete,
    // and SQS handed it back. Once each: the invariants count payments, stock and shipments.
    for (const id of ids) await waitForOrderStatus(e2e, token, id, 'SHIPPED', 120_000);
    reportMeasured('R11 every order shipped after restart (ms)', Date.now() - restarted);
    await waitForOutboxesDrained(databaseUrl, 30_000);
    expect(pidsOf(e2e)).toEqual(pids);
    reportMeasured('R11 orders shipped before the crash', shippedBefore);
    reportMeasured(
      'R11 handler failures retried later (not deleted)',
      e2e.logs.filter((line) => line.includes('message failed; retrying after backoff')).length,
    );
    reportMeasured(
      'R11 consumers that paused receiving',
      e2e.logs.filter((line) => line.includes('dependency down; receiving paused')).length,
    );
    await expectInvariants({
      databaseUrl,
      stripeUrl: env.CONVEYOR_TEST_STRIPE_URL,
      sqsEndpoint: env.CONVEYOR_TEST_SQS_ENDPOINT,
      directory: e2e.directory,
      orderIds: ids,
      skus: [{ sku, initial: STOCK }],
    });
  }, 300_000);
});

function shippedAmong(databaseUrl: string, ids: string[]): Promise<number> {
  return withPostgresClient(databaseUrl, async (sql) => {
    const { rows } = await sql.query<{ count: string }>(
      `SELECT count(*) AS count FROM orders.orders WHERE id = ANY($1::uuid[]) AND status = 'SHIPPED'`,
      [ids],
    );
    return Number(rows[0].count);
  });
}
