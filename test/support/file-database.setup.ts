import { createHash } from 'node:crypto';
import { publishTestEnvironment } from '@conveyor/config';
import { cloneDatabase, databaseUrlOf } from '@conveyor/dev-stack';
import { testEnvironment } from './test-context';

/**
 * Every test file gets its own copy of the migrated database, as every deployment has its own.
 * In one shared database an order a file leaves unfinished (a crash test, an outage) would be
 * found by the reconciler of a later file's order API and re-sent into that file's queues,
 * where its workers count it as their own traffic. Jest gives each file its own copy of the
 * environment, so the URL set here is what that file's `testEnvironment()` returns. It runs
 * before every spec file, the unit ones too, so it loads only @conveyor/dev-stack: the helpers
 * of @conveyor/testing bring the SQS SDK, TypeORM and Nest, most of a second per file.
 */
const shared = testEnvironment();
const template = new URL(shared.CONVEYOR_TEST_DATABASE_URL).pathname.slice(1);
const fileHash = createHash('sha256')
  .update(expect.getState().testPath ?? '')
  .digest('hex')
  .slice(0, 12);
const name = `${template}_${fileHash}`;

publishTestEnvironment({
  ...shared,
  CONVEYOR_TEST_DATABASE_URL: databaseUrlOf(shared.CONVEYOR_TEST_ADMIN_DATABASE_URL, name),
});

beforeAll(async () => {
  await cloneDatabase(shared.CONVEYOR_TEST_ADMIN_DATABASE_URL, name, template);
}, 30_000);
