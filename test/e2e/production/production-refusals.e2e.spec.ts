import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inheritedEnvironment } from '@conveyor/config';
import { CONVEYOR_APPS } from '@conveyor/dev-stack';
import { mainOf, productionEnvFor, runEntryPoint } from '../../support/production-env';
import { MIGRATE_REFUSAL, refusalsFor, withRefusal } from '../../support/production-refusals';
import { testEnvironment, uniquePrefix } from '../../support/test-context';

jest.setTimeout(60_000);

/**
 * Each app's built main as a real process with NODE_ENV=production and one setting missing or
 * forbidden: it exits 1 having printed exactly one line that names the variable, no stack trace
 * and no secret, before starting anything.
 */
describe('NODE_ENV=production refuses to start without its settings', () => {
  const secretsDir = mkdtempSync(path.join(tmpdir(), 'conveyor-refusals-'));
  const setup = { prefix: uniquePrefix('refusals'), secretsDir };

  afterAll(() => rmSync(secretsDir, { recursive: true, force: true }));

  const cases = CONVEYOR_APPS.flatMap((app) =>
    refusalsFor(app, setup).map((refusal) => [app, refusal.what, refusal] as const),
  );

  it.each(cases)('%s refuses %s', async (app, _what, refusal) => {
    const run = await runEntryPoint(
      mainOf(app),
      withRefusal(productionEnvFor(app, setup), refusal),
    );
    expect(run).toEqual({ code: 1, stdout: '', stderr: `${refusal.line}\n` });
  });

  it.each(CONVEYOR_APPS)('%s migrations refuse in one line too', async (app) => {
    const env = withRefusal(productionEnvFor(app, setup), MIGRATE_REFUSAL);
    const run = await runEntryPoint(`apps/${app}/src/migrate.main.js`, env);
    expect(run).toEqual({ code: 1, stdout: '', stderr: `${MIGRATE_REFUSAL.line}\n` });
  });

  describe('npm start', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'conveyor-local-stack-'));
    const PATH = inheritedEnvironment().PATH ?? '';

    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it.each([
      [
        'nothing',
        {},
        'DATABASE_URL, SQS_ENDPOINT, STRIPE_SECRET_KEY, AUTH_JWT_SECRET, STRIPE_WEBHOOK_SECRET',
      ],
      [
        'every service but no secrets',
        {
          DATABASE_URL: testEnvironment().CONVEYOR_TEST_DATABASE_URL,
          SQS_ENDPOINT: testEnvironment().CONVEYOR_TEST_SQS_ENDPOINT,
          STRIPE_SECRET_KEY: 'sk_test_conveyor_local_stack',
        },
        'AUTH_JWT_SECRET, STRIPE_WEBHOOK_SECRET',
      ],
    ])('starts no stand-in given %s, and says what to set', async (_given, given, missing) => {
      const env = { PATH, NODE_ENV: 'production', CONVEYOR_DATA_DIR: dataDir, ...given };
      const run = await runEntryPoint('tools/local-stack/local-stack.main.js', env);
      expect(run).toEqual({
        code: 1,
        stdout: '',
        stderr: `Invalid configuration: NODE_ENV (got "production"): npm start starts no development stand-in in production: set ${missing}, or unset NODE_ENV\n`,
      });
      // No embedded PostgreSQL data, no SQS data, no generated secret.
      expect(readdirSync(dataDir)).toEqual([]);
    });
  });
});
