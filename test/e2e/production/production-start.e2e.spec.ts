import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CONVEYOR_APPS,
  freePort,
  startServiceProcess,
  waitUntilReady,
  type ConveyorApp,
} from '@conveyor/dev-stack';
import { parseAppLogs } from '../../support/app-logs';
import { productionEnvFor, secretFile, type ProductionSetup } from '../../support/production-env';
import { testEnvironment, uniquePrefix } from '../../support/test-context';
import { provisionTestQueues } from '../../support/test-queues';

jest.setTimeout(120_000);

const env = testEnvironment();
const SECRET_VARIABLES = [
  'DATABASE_URL',
  'AUTH_JWT_SECRET',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
];

/** The app's production environment with its secrets mounted as files instead. */
function withSecretFiles(app: ConveyorApp, setup: ProductionSetup): Record<string, string> {
  const settings = productionEnvFor(app, setup);
  for (const name of SECRET_VARIABLES.filter((variable) => variable in settings)) {
    settings[`${name}_FILE`] = secretFile(setup, `${app}-${name}`, settings[name]);
    delete settings[name];
  }
  return settings;
}

/**
 * With everything set, each app starts in production mode, its secrets read from files, and says
 * at start that it was pointed at an emulator on purpose.
 */
describe('NODE_ENV=production with every setting given', () => {
  const secretsDir = mkdtempSync(path.join(tmpdir(), 'conveyor-production-start-'));
  const setup = { prefix: uniquePrefix('prod-start'), secretsDir };

  beforeAll(() => provisionTestQueues(env.CONVEYOR_TEST_SQS_ENDPOINT, setup.prefix, 'standard'));

  afterAll(() => rmSync(secretsDir, { recursive: true, force: true }));

  const emulatorWarning = (variable: string, url: string, realService: string) =>
    `NODE_ENV=production with ${variable}=${new URL(url).origin}: calls go to that endpoint (an emulator?), not to ${realService}`;
  const sqsWarning = emulatorWarning('SQS_ENDPOINT', env.CONVEYOR_TEST_SQS_ENDPOINT, 'AWS');
  const stripeWarning = emulatorWarning(
    'STRIPE_API_BASE_URL',
    env.CONVEYOR_TEST_STRIPE_URL,
    'api.stripe.com',
  );

  it.each(CONVEYOR_APPS)('%s becomes ready and warns about the emulators', async (app) => {
    const port = await freePort();
    const lines: string[] = [];
    const service = startServiceProcess({
      app,
      env: { ...withSecretFiles(app, setup), HTTP_PORT: String(port) },
      onLine: (line) => lines.push(`${app} | ${line}`),
    });
    try {
      await waitUntilReady(service, port);
    } catch (error) {
      await service.kill();
      throw error;
    }
    expect(await service.stop()).toBe(0);
    const warnings = parseAppLogs(lines)
      .map(({ entry }) => entry)
      .filter((entry) => entry?.level === 'warn' && entry.context === 'Config')
      .map((entry) => entry?.msg);
    expect(warnings).toEqual(app === 'payment-worker' ? [sqsWarning, stripeWarning] : [sqsWarning]);
  });
});
