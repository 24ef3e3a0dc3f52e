import { z } from 'zod';
import { envFields } from './env-fields';

/** What every Conveyor process needs: its database, its queues and how to log. */
export const serviceEnvSchema = z.object({
  NODE_ENV: envFields.nodeEnv,
  LOG_LEVEL: envFields.logLevel,
  LOG_PRETTY: envFields.booleanFlag,
  HTTP_HOST: envFields.host,
  DATABASE_URL: envFields.databaseUrl,
  DATABASE_POOL_SIZE: envFields.positiveInt(10, 200),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  SQS_ENDPOINT: envFields.url.optional(),
  SQS_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{0,40}$/, 'SQS_QUEUE_PREFIX may hold letters, digits, - and _ only')
    .default('conveyor-dev-'),
  QUEUE_MODE: z
    .enum(['standard', 'fifo'], { message: 'set QUEUE_MODE to standard or fifo' })
    .default('standard'),
  SQS_MAX_RECEIVE_COUNT: envFields.positiveInt(5, 1000),
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
  /** Test-only: comma-separated failpoint names that SIGKILL the process when reached. */
  CONVEYOR_FAILPOINTS: z.string().default(''),
});
export type ServiceEnv = z.infer<typeof serviceEnvSchema>;

export interface ServiceConfig {
  nodeEnv: ServiceEnv['NODE_ENV'];
  logLevel: ServiceEnv['LOG_LEVEL'];
  prettyLogs: boolean;
  httpHost: string;
  database: { url: string; poolSize: number };
  sqs: {
    region: string;
    endpoint?: string;
    /** Emulators accept any credentials; real AWS uses the SDK's default credential chain. */
    credentials?: { accessKeyId: string; secretAccessKey: string };
    queuePrefix: string;
    mode: 'standard' | 'fifo';
    maxReceiveCount: number;
    backoff: { baseSeconds: number; maxSeconds: number };
    /** Milliseconds; see OUTBOX_LINGER_MS and CONSUMER_BATCH_LINGER_MS. */
    linger: { outboxMs: number; consumerBatchMs: number };
    consumerPrefetch?: number;
  };
  failpoints: string[];
}

/** Refuses the settings that must never reach production, then shapes the rest. */
export function toServiceConfig(env: ServiceEnv): ServiceConfig {
  const failpoints = env.CONVEYOR_FAILPOINTS.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (failpoints.length > 0 && env.NODE_ENV === 'production') {
    throw new Error('CONVEYOR_FAILPOINTS is a test-only switch: unset it when NODE_ENV=production');
  }
  return {
    nodeEnv: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    prettyLogs: env.LOG_PRETTY,
    httpHost: env.HTTP_HOST,
    database: { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE },
    sqs: {
      ...sqsConnection(env),
      queuePrefix: env.SQS_QUEUE_PREFIX,
      mode: env.QUEUE_MODE,
      maxReceiveCount: env.SQS_MAX_RECEIVE_COUNT,
      backoff: {
        baseSeconds: env.SQS_BACKOFF_BASE_SECONDS,
        maxSeconds: env.SQS_BACKOFF_MAX_SECONDS,
      },
      linger: { outboxMs: env.OUTBOX_LINGER_MS, consumerBatchMs: env.CONSUMER_BATCH_LINGER_MS },
      consumerPrefetch: env.CONSUMER_PREFETCH,
    },
    failpoints,
  };
}

/**
 * Where SQS is and how to sign for it. Emulators accept any credentials, so a configured endpoint
 * without AWS credentials gets placeholder ones; real AWS uses the SDK's default chain.
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
      env.SQS_ENDPOINT && !env.AWS_ACCESS_KEY_ID
        ? { accessKeyId: 'local', secretAccessKey: 'local' }
        : undefined,
  };
}
