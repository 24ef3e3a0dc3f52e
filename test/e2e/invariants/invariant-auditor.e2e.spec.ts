import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot, withPostgresClient } from '@conveyor/dev-stack';
import { createAuditStripeClient } from '@conveyor/invariants';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { checkInvariants, expectInvariants, type InvariantScope } from '../../support/invariants';
import { idOf, waitForOrdersSettled } from '../../support/saga-pipeline.probe';
import { inheritedEnvironment } from '@conveyor/config';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

const env = testEnvironment();
const DB = env.CONVEYOR_TEST_DATABASE_URL;
const stripe = createAuditStripeClient({
  secretKey: 'sk_test_conveyor_e2e',
  apiBaseUrl: env.CONVEYOR_TEST_STRIPE_URL,
});

/**
 * `npm run invariants` on orders that really went through the four apps, then on the same data
 * corrupted one way at a time: each corruption must be named with its invariant and order.
 */
describe('the invariant auditor (npm run invariants)', () => {
  let e2e: E2eStack;
  let scope: InvariantScope;
  const ids: Record<'a' | 'b' | 'c' | 'declined', string> = { a: '', b: '', c: '', declined: '' };
  const sku = uniqueSku('audit');

  beforeAll(async () => {
    e2e = await startE2eStack({ label: 'auditor' });
    await seedProducts(DB, [{ sku, priceCents: 1250, stock: 10 }]);
    const token = await e2e.token('auditor-customer');
    for (const key of ['a', 'b', 'c'] as const) {
      ids[key] = idOf(await e2e.api.placeOrder(token, [{ sku, quantity: 1 }]));
    }
    ids.declined = idOf(
      await e2e.api.placeOrder(token, [{ sku, quantity: 1 }], {
        paymentMethod: 'pm_card_chargeDeclined',
      }),
    );
    await waitForOrdersSettled(DB, Object.values(ids), { timeoutMs: 60_000 });
    scope = {
      databaseUrl: DB,
      stripeUrl: env.CONVEYOR_TEST_STRIPE_URL,
      sqsEndpoint: env.CONVEYOR_TEST_SQS_ENDPOINT,
      directory: e2e.directory,
      orderIds: Object.values(ids),
      skus: [{ sku, initial: 10 }],
    };
    // Compensations and the relays trail the statuses; then the corruptions below must stay as
    // written, so no app may repair or relay anything.
    await expectInvariants(scope);
    await e2e.stop();
  }, 120_000);

  it('exits 0 on the orders as the apps left them, with every invariant reported', async () => {
    const run = await runAuditor(['--orders', Object.values(ids).join(','), '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(
      report.invariants.map((entry: { id: string; holds: boolean }) => [entry.id, entry.holds]),
    ).toEqual(['I1', 'I2', 'I3', 'I4', 'I5', 'I6', 'I7', 'I8'].map((id) => [id, true]));
    expect(report.counts).toMatchObject({
      ordersInScope: 4,
      byStatus: { SHIPPED: 3, PAYMENT_FAILED: 1 },
    });
  });

  it('exits 2, never 0, when PostgreSQL, SQS or Stripe cannot be read, or the scope is empty', async () => {
    const closed = 'http://127.0.0.1:9';
    const orders = ['--orders', ids.a];
    const brokenReads: Record<string, string>[] = [
      { DATABASE_URL: 'postgres://postgres@127.0.0.1:9/test' },
      { SQS_ENDPOINT: closed },
      { STRIPE_API_BASE_URL: closed },
    ];
    for (const broken of brokenReads) {
      const run = await runAuditor(orders, broken);
      expect({ broken, code: run.code }).toEqual({ broken, code: 2 });
      expect(run.stdout).toContain('COULD NOT READ');
    }
    const empty = await runAuditor([
      '--orders',
      `${new Date(Date.now() + 3_600_000).toISOString()}`,
    ]);
    expect(empty.code).toBe(2);
    expect(empty.stdout).toContain('the order scope holds no orders');
  });

  it('names a second capture for an order (I3 and I6)', async () => {
    const extra = await authorize(ids.a, 1250);
    await stripe.paymentIntents.capture(extra.id);
    const lines = await checkInvariants(scope);
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^order ${ids.a}: I3 captured 2 times`)),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^order ${ids.a}: I6 2 PaymentIntents`)),
    );
  });

  it('names a shipment deleted from a shipped order (I5)', async () => {
    await sql(`DELETE FROM shipping.shipments WHERE order_id = $1`, [ids.b]);
    expect(await checkInvariants(scope)).toContain(
      `order ${ids.b}: I5 shipment is missing, not CREATED`,
    );
  });

  it('names a reservation left on a cancelled order (I4)', async () => {
    const cancelled = await insertCancelledOrder();
    await sql(
      `INSERT INTO inventory.reservations (order_id, status, items) VALUES ($1, 'RESERVED', $2)`,
      [cancelled, JSON.stringify([{ sku, quantity: 1 }])],
    );
    await sql(
      `UPDATE inventory.stock SET available = available - 1, reserved = reserved + 1 WHERE sku = $1`,
      [sku],
    );
    const lines = await checkInvariants({ ...scope, orderIds: [...scope.orderIds, cancelled] });
    expect(lines).toContain(`order ${cancelled}: I4 a CANCELLED order still holds a reservation`);
    expect(lines.filter((line) => line.startsWith(`sku ${sku}`))).toEqual([]);
  });

  it('names PaymentIntents with no order, or an order never accepted (I2)', async () => {
    const stray = await authorize(undefined, 700);
    const ghostOrder = randomUUID();
    const ghost = await authorize(ghostOrder, 700);
    const lines = await checkInvariants(scope);
    expect(lines).toContain(`deployment: I2 ${stray.id} (requires_capture) names no order`);
    expect(lines).toContain(
      `order ${ghostOrder}: I2 ${ghost.id} (requires_capture) names an order that was never accepted`,
    );
  });

  it('names a timeline that skips the first state or moves backwards (I7)', async () => {
    await sql(`UPDATE orders.orders SET timeline = timeline - 0 WHERE id = $1`, [ids.c]);
    await sql(
      `UPDATE orders.orders SET timeline = timeline || '[{"status":"PAYMENT_AUTHORIZED","at":"2099-01-01T00:00:00.000Z"}]'::jsonb
       WHERE id = $1`,
      [ids.declined],
    );
    const lines = await checkInvariants(scope);
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^order ${ids.c}: I7 starts at [A-Z_]+, not PENDING`)),
    );
    expect(lines).toContain(
      `order ${ids.declined}: I7 step 2: PAYMENT_FAILED → PAYMENT_AUTHORIZED leaves a terminal status`,
    );
    expect(lines).toContain(
      `order ${ids.declined}: I7 ends at PAYMENT_AUTHORIZED but the order is PAYMENT_FAILED`,
    );
  });

  it('names stock that does not add up and an outbox left undrained (I4, I8)', async () => {
    await sql(`UPDATE inventory.stock SET available = available + 2 WHERE sku = $1`, [sku]);
    await sql(
      `INSERT INTO inventory.outbox (id, queue, message_type, envelope) VALUES ($1, 'order-events', 'order.stock-reserved', '{}')`,
      [randomUUID()],
    );
    const lines = await checkInvariants(scope);
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^sku ${sku}: I4 units do not add up to the 10 received`)),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^deployment: I8 inventory\.outbox holds 1 unsent row/),
    );

    const run = await runAuditor(['--orders', Object.values(ids).join(',')]);
    expect(run.code).toBe(1);
    for (const id of ['I2', 'I3', 'I4', 'I5', 'I6', 'I7', 'I8'])
      expect(run.stdout).toMatch(new RegExp(`^${id} VIOLATED`, 'm'));
  });

  function authorize(orderId: string | undefined, amount: number) {
    return stripe.paymentIntents.create({
      amount,
      currency: 'eur',
      payment_method: 'pm_card_visa',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      capture_method: 'manual',
      confirm: true,
      ...(orderId ? { metadata: { order_id: orderId } } : {}),
    });
  }

  function runAuditor(args: string[], overrides: Record<string, string> = {}) {
    return runProcess(path.join(repoRoot(), 'dist/tools/cli/invariants.main.js'), args, {
      ...inheritedEnvironment(),
      DATABASE_URL: DB,
      SQS_ENDPOINT: env.CONVEYOR_TEST_SQS_ENDPOINT,
      SQS_QUEUE_PREFIX: e2e.prefix,
      QUEUE_MODE: e2e.mode,
      STRIPE_SECRET_KEY: 'sk_test_conveyor_e2e',
      STRIPE_API_BASE_URL: env.CONVEYOR_TEST_STRIPE_URL,
      ...overrides,
    });
  }
});

async function insertCancelledOrder(): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  const timeline = [
    { status: 'PENDING', at: now },
    { status: 'CANCELLED', at: now, reason: 'requested by the customer' },
  ];
  await sql(
    `INSERT INTO orders.orders (id, customer_id, status, currency, total_cents, shipping_address,
       payment_method, timeline, created_at, updated_at)
     VALUES ($1, 'auditor', 'CANCELLED', 'EUR', 1250, '{}', 'sealed', $2, now(), now())`,
    [id, JSON.stringify(timeline)],
  );
  return id;
}

function sql(text: string, values: unknown[]) {
  return withPostgresClient(DB, (client) => client.query(text, values));
}

function runProcess(script: string, args: string[], childEnv: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [script, ...args], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout }));
  });
}
