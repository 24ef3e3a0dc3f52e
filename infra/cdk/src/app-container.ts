import { Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { ConveyorApp } from '@conveyor/contracts';
import type { QueueTopology } from '@conveyor/messaging';
import { DATABASE_NAME, DATABASE_USER, type ConveyorDatabase } from './database.construct';
import type { AppSecrets } from './app-secrets.construct';

/** A task definition of the stack: an app, or the one-off migrations on the ops image. */
export type ConveyorTask = ConveyorApp | 'migrations';

export type SecretId =
  | 'database-password'
  | 'jwt'
  | 'stripe-secret-key'
  | 'stripe-webhook-secret'
  | 'pii-keys-shipping'
  | 'pii-keys-payment';

/** Which secret each task gets, under which variable: its execution role may read only these. */
export const TASK_SECRETS: Record<ConveyorTask, Record<string, SecretId>> = {
  'order-api': {
    DATABASE_PASSWORD: 'database-password',
    AUTH_JWT_SECRET: 'jwt',
    // The order API receives Stripe's webhooks (POST /webhooks/stripe) and verifies them.
    STRIPE_WEBHOOK_SECRET: 'stripe-webhook-secret',
    PII_KEYS_SHIPPING: 'pii-keys-shipping',
    PII_KEYS_PAYMENT: 'pii-keys-payment',
  },
  'payment-worker': {
    DATABASE_PASSWORD: 'database-password',
    STRIPE_SECRET_KEY: 'stripe-secret-key',
    PII_KEYS_PAYMENT: 'pii-keys-payment',
  },
  'inventory-worker': { DATABASE_PASSWORD: 'database-password' },
  // Each worker may read only the keyring of the personal data it needs.
  'shipping-worker': {
    DATABASE_PASSWORD: 'database-password',
    PII_KEYS_SHIPPING: 'pii-keys-shipping',
  },
  migrations: { DATABASE_PASSWORD: 'database-password' },
};

export interface TaskRuntime {
  topology: QueueTopology;
  maxReceiveCount: number;
  database: ConveyorDatabase;
  secrets: AppSecrets;
  databaseCaFile?: string;
}

export function secretArnOf(id: SecretId, runtime: TaskRuntime): secretsmanager.ISecret {
  const secrets: Record<SecretId, secretsmanager.ISecret> = {
    'database-password': runtime.database.secret,
    jwt: runtime.secrets.jwtSecret,
    'stripe-secret-key': runtime.secrets.stripeSecretKey,
    'stripe-webhook-secret': runtime.secrets.stripeWebhookSecret,
    'pii-keys-shipping': runtime.secrets.personalDataKeys.shipping,
    'pii-keys-payment': runtime.secrets.personalDataKeys.payment,
  };
  return secrets[id];
}

/** The ECS secrets of a task: the password is the generated secret's `password` field alone. */
export function taskSecrets(task: ConveyorTask, runtime: TaskRuntime): Record<string, ecs.Secret> {
  return Object.fromEntries(
    Object.entries(TASK_SECRETS[task]).map(([variable, id]) => [
      variable,
      ecs.Secret.fromSecretsManager(
        secretArnOf(id, runtime),
        id === 'database-password' ? 'password' : undefined,
      ),
    ]),
  );
}

/** Plain configuration shared by every task; the URL carries no password (DATABASE_PASSWORD). */
export function taskEnvironment(runtime: TaskRuntime): Record<string, string> {
  const endpoint = runtime.database.instance.instanceEndpoint;
  const ssl: Record<string, string> = runtime.databaseCaFile
    ? { DATABASE_SSL: 'verify-full', DATABASE_SSL_CA_FILE: runtime.databaseCaFile }
    : { DATABASE_SSL: 'require' };
  return {
    DATABASE_URL: `postgres://${DATABASE_USER}@${endpoint.hostname}:${endpoint.port}/${DATABASE_NAME}`,
    ...ssl,
    AWS_REGION: Stack.of(runtime.database).region,
    SQS_QUEUE_PREFIX: runtime.topology.prefix,
    QUEUE_MODE: runtime.topology.mode,
    SQS_MAX_RECEIVE_COUNT: String(runtime.maxReceiveCount),
    LOG_LEVEL: 'info',
  };
}

/** The image's own HEALTHCHECK, which ECS does not read from the image. */
export function liveHealthCheck(port: number): ecs.HealthCheck {
  const probe = `fetch('http://127.0.0.1:${port}/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`;
  return { command: ['CMD', 'node', '-e', probe], retries: 3 };
}
