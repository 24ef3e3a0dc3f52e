import { z } from 'zod';
import { envFields } from './env-fields';

/** What `npm start` would otherwise start or generate itself, in the order it needs them. */
const STAND_IN_VARIABLES = [
  'DATABASE_URL',
  'SQS_ENDPOINT',
  'STRIPE_SECRET_KEY',
  'AUTH_JWT_SECRET',
  'STRIPE_WEBHOOK_SECRET',
] as const;

/**
 * `npm start` with NODE_ENV=production starts no development stand-in and generates no secret:
 * every backing service, the token secret and the webhook signing secret must be given. Kept
 * apart from the local stack's own schema, which says what each variable may hold.
 */
export const localStackModeEnvSchema = z
  .object({
    NODE_ENV: envFields.nodeEnv,
    DATABASE_URL: z.string().optional(),
    SQS_ENDPOINT: z.string().optional(),
    STRIPE_SECRET_KEY: z.string().optional(),
    AUTH_JWT_SECRET: z.string().optional(),
    /** The order API's; in development a local one, which the Stripe emulator signs with. */
    STRIPE_WEBHOOK_SECRET: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    const missing = STAND_IN_VARIABLES.filter((name) => !env[name]);
    if (env.NODE_ENV !== 'production' || missing.length === 0) return;
    ctx.addIssue({
      code: 'custom',
      path: ['NODE_ENV'],
      message: `npm start starts no development stand-in in production: set ${missing.join(', ')}, or unset NODE_ENV`,
    });
  });
export type LocalStackModeEnv = z.infer<typeof localStackModeEnvSchema>;
