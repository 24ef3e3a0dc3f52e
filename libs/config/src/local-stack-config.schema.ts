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
  CONVEYOR_DATA_DIR: z.string().default('.data'),
});
export type LocalStackEnv = z.infer<typeof localStackEnvSchema>;

/** The environment a child process inherits (PATH, HOME, AWS credentials …) before overrides. */
export function inheritedEnvironment(): Record<string, string | undefined> {
  return { ...process.env };
}
