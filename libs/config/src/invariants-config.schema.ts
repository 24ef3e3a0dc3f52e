import { z } from 'zod';
import { checkDatabaseEnv, databaseConnection, databaseEnvFields } from './database-connection';
import { envFields } from './env-fields';
import { loadConfig } from './load-config';
import { DEVELOPMENT_QUEUE_PREFIX, sqsConnection } from './service-config.schema';

/** Where `npm start` puts its stand-ins: the auditor's defaults outside production. */
export const LOCAL_STACK_ENDPOINTS = {
  DATABASE_URL: 'postgres://postgres:postgres@127.0.0.1:54329/conveyor',
  SQS_ENDPOINT: 'http://127.0.0.1:9324',
  STRIPE_SECRET_KEY: 'sk_test_conveyor_local_emulator',
  STRIPE_API_BASE_URL: 'http://127.0.0.1:12111',
} as const;

/** `npm run invariants`: read access to a deployment's database, queues and Stripe account. */
export const invariantsEnvSchema = z
  .object({
    ...databaseEnvFields,
    AWS_REGION: z.string().min(1).default('us-east-1'),
    SQS_ENDPOINT: envFields.url.optional(),
    AWS_ACCESS_KEY_ID: z.string().optional(),
    SQS_QUEUE_PREFIX: envFields.queuePrefix.default(DEVELOPMENT_QUEUE_PREFIX),
    QUEUE_MODE: z
      .enum(['standard', 'fifo'], { message: 'set QUEUE_MODE to standard or fifo' })
      .default('standard'),
    STRIPE_SECRET_KEY: z
      .string({ message: 'set STRIPE_SECRET_KEY to a key that may list PaymentIntents' })
      .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/, 'STRIPE_SECRET_KEY must look like sk_test_…'),
    STRIPE_API_BASE_URL: envFields.url.optional(),
  })
  .superRefine((env, ctx) => checkDatabaseEnv(env, ctx));
export type InvariantsEnv = z.infer<typeof invariantsEnvSchema>;

/**
 * The auditor's configuration. Outside production every unset endpoint is the local stack's,
 * so `npm run invariants` audits what `npm start` runs; in production nothing is assumed.
 */
export function loadInvariantsConfig(env: Record<string, string | undefined> = process.env) {
  const production = env.NODE_ENV === 'production';
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = loadConfig(
    invariantsEnvSchema,
    production ? given : { ...LOCAL_STACK_ENDPOINTS, ...given },
  );
  return {
    database: databaseConnection(parsed),
    sqs: sqsConnection(parsed),
    queues: { prefix: parsed.SQS_QUEUE_PREFIX, mode: parsed.QUEUE_MODE },
    stripe: { secretKey: parsed.STRIPE_SECRET_KEY, apiBaseUrl: parsed.STRIPE_API_BASE_URL },
  };
}
