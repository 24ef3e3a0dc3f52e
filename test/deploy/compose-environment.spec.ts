import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { CONVEYOR_APPS, type ConveyorApp } from '@conveyor/contracts';
import { loadConfig, migrationEnvSchema, queueProvisioningEnvSchema } from '@conveyor/config';
import { repoRoot } from '@conveyor/dev-stack';
import { APP_IMAGE_PORTS } from '../../tools/images/image.catalog';
import { commandOf, environmentOf, services } from './compose.file';

/** What a user puts in .env (the secrets .env.example asks for). */
const DOTENV = {
  POSTGRES_PASSWORD: 'compose-example-password',
  AUTH_JWT_SECRET: 'compose-example-secret-compose-example-secret',
  STRIPE_SECRET_KEY: 'sk_test_compose_example',
  STRIPE_WEBHOOK_SECRET: 'whsec_composeexample',
  PII_KEYS_SHIPPING: `ship-1:${Buffer.alloc(32, 1).toString('base64')}`,
  PII_KEYS_PAYMENT: `pay-1:${Buffer.alloc(32, 2).toString('base64')}`,
};

/** Each app's configuration loader, in its built module. */
const LOADERS: Record<ConveyorApp, string> = {
  'order-api': 'loadOrderApiConfig',
  'payment-worker': 'loadPaymentWorkerConfig',
  'inventory-worker': 'loadInventoryWorkerConfig',
  'shipping-worker': 'loadShippingWorkerConfig',
};

/**
 * Loads an app's configuration, in a process of its own, from exactly the environment its
 * container gets: compose's variables plus what the image sets (Dockerfile ENV).
 */
function loadAppConfig(app: ConveyorApp, env: Record<string, string>) {
  const module = path.join(repoRoot(), 'dist/apps', app, 'src', `${app}.config.js`);
  const script = `require(${JSON.stringify(module)}).${LOADERS[app]}()`;
  return spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8' });
}

describe('docker-compose.yml’s environments', () => {
  it.each(CONVEYOR_APPS)('satisfy the configuration of %s, in production mode', (app) => {
    const image = {
      NODE_ENV: 'production',
      HTTP_HOST: '0.0.0.0',
      HTTP_PORT: `${APP_IMAGE_PORTS[app]}`,
    };
    const result = loadAppConfig(app, { ...environmentOf(services[app], DOTENV), ...image });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it.each(['AUTH_JWT_SECRET', 'STRIPE_WEBHOOK_SECRET'])(
    'fail the order API’s configuration without %s (the check can fail)',
    (secret) => {
      const env = environmentOf(services['order-api'], DOTENV);
      delete env[secret];
      const result = loadAppConfig('order-api', { ...env, NODE_ENV: 'production' });
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain(`Invalid configuration: ${secret} (unset)`);
    },
  );

  it('have the Stripe emulator sign its webhooks to the order API with the order API’s secret', () => {
    const command = commandOf(services.stripe, DOTENV);
    const flag = (name: string) => command[command.indexOf(name) + 1];
    const port = APP_IMAGE_PORTS['order-api'];
    expect(flag('--webhook-url')).toBe(`http://order-api:${port}/webhooks/stripe`);
    expect(flag('--webhook-secret')).toBe(
      environmentOf(services['order-api'], DOTENV).STRIPE_WEBHOOK_SECRET,
    );
    expect(flag('--webhook-secret')).toBe(DOTENV.STRIPE_WEBHOOK_SECRET);
    expect(flag('--port')).toBe('12111');
  });

  it('satisfy the one-shot jobs’ configuration', () => {
    const migrate = environmentOf(services.migrate, DOTENV);
    const provision = environmentOf(services['provision-queues'], DOTENV);
    expect(() =>
      loadConfig(migrationEnvSchema, { ...migrate, NODE_ENV: 'production' }),
    ).not.toThrow();
    expect(() => loadConfig(queueProvisioningEnvSchema, provision)).not.toThrow();
  });

  it('are refused by compose itself while .env lacks a secret', () => {
    expect(() => environmentOf(services['payment-worker'], {})).toThrow(/POSTGRES_PASSWORD/);
  });
});
