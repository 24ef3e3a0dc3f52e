import { z } from 'zod';
import {
  checkDatabaseEnv,
  databaseConnection,
  databaseEnvFields,
  type DatabaseConnection,
} from './database-connection';
import { envFields } from './env-fields';
import { checkPersonalDataKeys } from './personal-data-keys.schema';
import {
  checkTimeouts,
  dependencyTimeouts,
  timeoutEnvFields,
  type DependencyTimeouts,
} from './timeouts-config';

/** What every Conveyor process needs: its database, its queues and how to log. */
export const serviceEnvSchema = z.object({
  ...databaseEnvFields,
  LOG_LEVEL: envFields.logLevel,
  LOG_PRETTY: envFields.booleanFlag,
  HTTP_HOST: envFields.host,
  DATABASE_POOL_SIZE: envFields.positiveInt(10, 200),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  SQS_ENDPOINT: envFields.url.optional(),
  /** Names this environment's queues; production must say which (checkServiceEnv). */
  SQS_QUEUE_PREFIX: envFields.queuePrefix.optional(),
  QUEUE_MODE: z
    .enum(['standard', 'fifo'], { message: 'set QUEUE_MODE to standard or fifo' })
    .default('standard'),
  SQS_MAX_RECEIVE_COUNT: envFields.positiveInt(5, 1000),
  /** A work queue's lease; unset: 60 s for payments (Stripe calls), 30 s for the others. */
  SQS_VISIBILITY_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(43_200).optional(),
  AWS_ACCESS_KEY_ID: z.string().optional(),
  /** Transient failures wait base·2^(n-1) seconds (jittered, capped) before the next delivery. */
  SQS_BACKOFF_BASE_SECONDS: envFields.positiveInt(2, 3600),
  SQS_BACKOFF_MAX_SECONDS: envFields.positiveInt(300, 43_200),
  /** How long the outbox gathers commits into SendMessageBatch calls; adds to every hop. */
  OUTBOX_LINGER_MS: envFields.nonNegativeInt(100, 1_000),
  /** During a backlog, how long a consumer waits to fill a receive and a delete batch of ten. */
  CONSUMER_BATCH_LINGER_MS: envFields.nonNegativeInt(200, 5_000),
  /** Messages a consumer holds (received, not settled); unset: max(CONSUMER_CONCURRENCY, 10). */
  CONSUMER_PREFETCH: z.coerce.number().int().min(1).max(1_000).optional(),
  /** How often a consumer samples its queue's and DLQ's depths for /metrics (GetQueueAttributes). */
  QUEUE_METRICS_INTERVAL_SECONDS: envFields.positiveInt(5, 3_600),
  /** Test-only: comma-separated failpoint names that SIGKILL the process when reached. */
  CONVEYOR_FAILPOINTS: z.string().default(''),
  ...timeoutEnvFields,
});
export type ServiceEnv = z.infer<typeof serviceEnvSchema>;

/**
 * An app's schema: the service variables, the app's own, and the checks across variables that
 * every app makes (refinements cannot be extended, so each app's schema is built here).
 */
export function serviceEnvSchemaWith<TShape extends z.ZodRawShape>(shape: TShape) {
  const declared = Object.keys(shape);
  return serviceEnvSchema.extend(shape).superRefine((env, ctx) => {
    checkServiceEnv(env as CheckedEnv, ctx);
    checkPersonalDataKeys(env, declared, ctx);
  });
}

type CheckedEnv = Parameters<typeof checkDatabaseEnv>[0] &
  Parameters<typeof checkTimeouts>[0] &
  Pick<ServiceEnv, 'CONVEYOR_FAILPOINTS' | 'SQS_QUEUE_PREFIX'>;

/** Development's queues; a production app that fell back to them would share them unseen. */
export const DEVELOPMENT_QUEUE_PREFIX = 'conveyor-dev-';

function checkServiceEnv(env: CheckedEnv, ctx: z.RefinementCtx): void {
  checkDatabaseEnv(env, ctx);
  checkTimeouts(env, ctx);

  if (env.NODE_ENV === 'production' && env.SQS_QUEUE_PREFIX === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['SQS_QUEUE_PREFIX'],
      message: `set SQS_QUEUE_PREFIX to this environment's queue prefix, e.g. conveyor-prod- (${DEVELOPMENT_QUEUE_PREFIX} is development's)`,
    });
  }
  if (env.NODE_ENV === 'production' && env.CONVEYOR_FAILPOINTS.trim() !== '') {
    ctx.addIssue({
      code: 'custom',
      path: ['CONVEYOR_FAILPOINTS'],
      message: 'a test-only switch: unset it when NODE_ENV=production',
    });
  }
}

export interface ServiceConfig {
  nodeEnv: ServiceEnv['NODE_ENV'];
  logLevel: ServiceEnv['LOG_LEVEL'];
  prettyLogs: boolean;
  httpHost: string;
  database: DatabaseConnection & { poolSize: number };
  sqs: {
    region: string;
    endpoint?: string;
    /** Emulators accept any credentials; real AWS uses the SDK's default credential chain. */
    credentials?: { accessKeyId: string; secretAccessKey: string };
    queuePrefix: string;
    mode: 'standard' | 'fifo';
    maxReceiveCount: number;
    visibilityTimeoutSeconds?: number;
    backoff: { baseSeconds: number; maxSeconds: number };
    /** Milliseconds; see OUTBOX_LINGER_MS and CONSUMER_BATCH_LINGER_MS. */
    linger: { outboxMs: number; consumerBatchMs: number };
    consumerPrefetch?: number;
    /** Seconds between samples of the consumed queue's depths (QUEUE_METRICS_INTERVAL_SECONDS). */
    metricsIntervalSeconds: number;
  };
  failpoints: string[];
  /** Deadlines of every PostgreSQL and SQS call and of each readiness check. */
  timeouts: DependencyTimeouts;
  /** Logged as warnings at start: a production app pointed at an emulator on purpose. */
  warnings: string[];
}

/** Shapes a checked environment (see serviceEnvSchemaWith) for the app's modules. */
export function toServiceConfig(env: ServiceEnv): ServiceConfig {
  return {
    nodeEnv: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    prettyLogs: env.LOG_PRETTY,
    httpHost: env.HTTP_HOST,
    database: { ...databaseConnection(env), poolSize: env.DATABASE_POOL_SIZE },
    sqs: {
      ...sqsConnection(env),
      queuePrefix: env.SQS_QUEUE_PREFIX ?? DEVELOPMENT_QUEUE_PREFIX,
      mode: env.QUEUE_MODE,
      maxReceiveCount: env.SQS_MAX_RECEIVE_COUNT,
      visibilityTimeoutSeconds: env.SQS_VISIBILITY_TIMEOUT_SECONDS,
      backoff: {
        baseSeconds: env.SQS_BACKOFF_BASE_SECONDS,
        maxSeconds: env.SQS_BACKOFF_MAX_SECONDS,
      },
      linger: { outboxMs: env.OUTBOX_LINGER_MS, consumerBatchMs: env.CONSUMER_BATCH_LINGER_MS },
      consumerPrefetch: env.CONSUMER_PREFETCH,
      metricsIntervalSeconds: env.QUEUE_METRICS_INTERVAL_SECONDS,
    },
    failpoints: env.CONVEYOR_FAILPOINTS.split(',')
      .map((name) => name.trim())
      .filter(Boolean),
    timeouts: dependencyTimeouts(env),
    warnings: [
      emulatorWarning(
        env.NODE_ENV,
        'SQS_ENDPOINT',
        isEmulatorEndpoint(env.SQS_ENDPOINT) ? env.SQS_ENDPOINT : undefined,
        'AWS',
      ),
    ].filter((warning) => warning !== undefined),
  };
}

/**
 * What a production app says at start when an endpoint variable sends its calls somewhere else
 * than the real service: allowed on purpose (staging, image tests), never silently.
 */
export function emulatorWarning(
  nodeEnv: string,
  variable: string,
  endpoint: string | undefined,
  realService: string,
): string | undefined {
  if (nodeEnv !== 'production' || !endpoint) return undefined;
  const origin = new URL(endpoint).origin;
  return `NODE_ENV=production with ${variable}=${origin}: calls go to that endpoint (an emulator?), not to ${realService}`;
}

/**
 * Where SQS is and how to sign for it. Emulators accept any credentials, so an emulator endpoint
 * without AWS credentials gets placeholder ones; real AWS (no endpoint, or an amazonaws.com one)
 * always uses the SDK's default credential chain, never a placeholder.
 */
export function sqsConnection(env: {
  AWS_REGION: string;
  SQS_ENDPOINT?: string;
  AWS_ACCESS_KEY_ID?: string;
}): Pick<ServiceConfig['sqs'], 'region' | 'endpoint' | 'credentials'> {
  return {
    region: env.AWS_REGION,
    endpoint: env.SQS_ENDPOINT,
    credentials:
      isEmulatorEndpoint(env.SQS_ENDPOINT) && !env.AWS_ACCESS_KEY_ID
        ? { accessKeyId: 'local', secretAccessKey: 'local' }
        : undefined,
  };
}

/** An explicit endpoint that is not AWS's own (a VPC or FIPS endpoint is still real SQS). */
function isEmulatorEndpoint(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  return !/(^|\.)amazonaws\.com(\.cn)?$/.test(new URL(endpoint).hostname);
}
