import { issueAccessToken } from '@conveyor/auth';
import { diedAtFailpoint } from '@conveyor/config';
import type { QueueDirectory } from '@conveyor/messaging';
import {
  ConveyorStack,
  CONVEYOR_APPS,
  describeUnexpectedExit,
  freePort,
  type ConveyorApp,
  type UnexpectedExit,
} from '@conveyor/dev-stack';
import { SPEC_PERSONAL_DATA_ENV } from '@conveyor/testing';
import { testEnvironment, uniquePrefix } from './test-context';
import { provisionTestQueues } from './test-queues';
import { ApiClient } from './api-client';

export const TEST_JWT_SECRET = 'e2e-secret-e2e-secret-e2e-secret-e2e-secret';
export const TEST_STRIPE_WEBHOOK_SECRET = 'whsec_conveyor0e2e0webhook0secret';

export interface E2eStackOptions {
  label: string;
  mode?: 'standard' | 'fifo';
  maxReceiveCount?: number;
  /** Start only some apps (e.g. the API alone); the rest can be started later. */
  apps?: readonly ConveyorApp[];
  extraEnv?: Partial<Record<ConveyorApp, Record<string, string>>>;
  /** Use another SQS endpoint than the shared emulator (e.g. a proxy in front of it). */
  sqsEndpoint?: string;
  /** Export every app's spans to this OTLP/HTTP receiver (a TraceReceiver's URL). */
  tracesReceiverUrl?: string;
}

export interface E2eStack {
  stack: ConveyorStack;
  api: ApiClient;
  prefix: string;
  mode: 'standard' | 'fifo';
  directory: QueueDirectory;
  ports: Record<ConveyorApp, number>;
  logs: string[];
  token(sub: string, role?: 'admin'): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The four apps as real processes on their own queues (a unique prefix on the shared emulator),
 * the shared test database and the Stripe emulator: what each end-to-end test file drives.
 */
export async function startE2eStack(options: E2eStackOptions): Promise<E2eStack> {
  const env = testEnvironment();
  const mode = options.mode ?? env.CONVEYOR_TEST_QUEUE_MODE;
  const prefix = uniquePrefix(options.label);
  const directory = await provisionTestQueues(
    env.CONVEYOR_TEST_SQS_ENDPOINT,
    prefix,
    mode,
    options.maxReceiveCount,
  );
  const ports = {} as Record<ConveyorApp, number>;
  for (const app of CONVEYOR_APPS) ports[app] = await freePort();
  const logs: string[] = [];
  const stack = new ConveyorStack({
    databaseUrl: env.CONVEYOR_TEST_DATABASE_URL,
    sqsEndpoint: options.sqsEndpoint ?? env.CONVEYOR_TEST_SQS_ENDPOINT,
    stripeSecretKey: 'sk_test_conveyor_e2e',
    stripeApiBaseUrl: env.CONVEYOR_TEST_STRIPE_URL,
    queuePrefix: prefix,
    queueMode: mode,
    authJwtSecret: TEST_JWT_SECRET,
    stripeWebhookSecret: webhookSecretFor(options),
    ports,
    logLevel: 'info',
    extraEnv: withMaxReceiveCount(options),
    onLine: (app, line) => logs.push(`${app} | ${line}`),
    onUnexpectedExit: reportUnexpectedExit,
    tracesReceiverUrl: options.tracesReceiverUrl,
    // Keys of their own, as production's: each keyring reaches only the apps of its audience.
    personalDataKeys: {
      shipping: SPEC_PERSONAL_DATA_ENV.PII_KEYS_SHIPPING,
      payment: SPEC_PERSONAL_DATA_ENV.PII_KEYS_PAYMENT,
    },
  });
  await stack.start(options.apps ?? CONVEYOR_APPS);
  return {
    stack,
    api: new ApiClient(`http://127.0.0.1:${ports['order-api']}`),
    prefix,
    mode,
    directory,
    ports,
    logs,
    token: (sub, role) => issueAccessToken(TEST_JWT_SECRET, { sub, role }),
    stop: () => stack.stop(),
  };
}

/**
 * An app that dies mid-test leaves only pending orders behind: this says which and why. A
 * failpoint's kill is what its test asked for, so it goes unreported.
 */
function reportUnexpectedExit(exit: UnexpectedExit): void {
  if (!diedAtFailpoint(exit.recentOutput)) console.error(describeUnexpectedExit(exit));
}

/**
 * Production refuses to start the order API without one; in development it stays unset, so
 * the webhook endpoint answers 503 unless a test gives its own (extraEnv).
 */
function webhookSecretFor(options: E2eStackOptions): string | undefined {
  const production = options.extraEnv?.['order-api']?.NODE_ENV === 'production';
  return production ? TEST_STRIPE_WEBHOOK_SECRET : undefined;
}

function withMaxReceiveCount(options: E2eStackOptions) {
  if (!options.maxReceiveCount) return options.extraEnv;
  const extra: Partial<Record<ConveyorApp, Record<string, string>>> = {};
  for (const app of CONVEYOR_APPS) {
    extra[app] = {
      SQS_MAX_RECEIVE_COUNT: String(options.maxReceiveCount),
      ...options.extraEnv?.[app],
    };
  }
  return extra;
}
