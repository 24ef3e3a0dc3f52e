import { z } from 'zod';
import { envFields } from './env-fields';

/**
 * `npm start`: each unset backing service is replaced by a local one (embedded PostgreSQL, the
 * fauxqs SQS emulator, the Stripe emulator); set a variable to use the real thing instead.
 */
export const localStackEnvSchema = z.object({
  DATABASE_URL: envFields.databaseUrl.optional(),
  SQS_ENDPOINT: envFields.url.optional(),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_API_BASE_URL: envFields.url.optional(),
  SQS_QUEUE_PREFIX: z.string().default('conveyor-dev-'),
  QUEUE_MODE: z.enum(['standard', 'fifo']).default('standard'),
  LOG_LEVEL: envFields.logLevel,
  /** Readable log lines instead of JSON; unset: readable at a terminal, JSON when piped or in CI. */
  LOG_PRETTY: z
    .enum(['true', 'false', '1', '0'], { message: 'set LOG_PRETTY to true or false' })
    .transform((value) => value === 'true' || value === '1')
    .optional(),
  /** Set by CI systems: logs stay JSON there, whatever the terminal. */
  CI: z.string().optional(),
  CONVEYOR_DATA_DIR: z.string().default('.data'),
  /** Set (or OTEL_TRACES_EXPORTER set): the apps export there and no local receiver starts. */
  OTEL_EXPORTER_OTLP_ENDPOINT: envFields.url.optional(),
  OTEL_TRACES_EXPORTER: z.string().optional(),
  /** Where the local trace receiver listens (OTLP/HTTP JSON in, /api/traces out). */
  TRACES_RECEIVER_PORT: envFields.port(4318),
  /** Handed to the apps of each audience; unset, development uses the development keyrings. */
  PII_KEYS_SHIPPING: z.string().optional(),
  PII_KEYS_PAYMENT: z.string().optional(),
});
export type LocalStackEnv = z.infer<typeof localStackEnvSchema>;

/** The environment a child process inherits (PATH, HOME, AWS credentials …) before overrides. */
export function inheritedEnvironment(): Record<string, string | undefined> {
  return { ...process.env };
}
