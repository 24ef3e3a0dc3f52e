import { z } from 'zod';

/** Building blocks for each app's environment schema; each message says what to set. */
export const envFields = {
  nodeEnv: z
    .enum(['development', 'test', 'production'], {
      message: 'set NODE_ENV to development, test or production',
    })
    .default('development'),
  logLevel: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'set LOG_LEVEL to one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  port: (fallback: number) =>
    z.coerce
      .number({ message: 'set a TCP port number' })
      .int()
      .min(0, 'set a TCP port number from 0 to 65535')
      .max(65535, 'set a TCP port number from 0 to 65535')
      .default(fallback),
  positiveInt: (fallback: number, max = 1_000_000) =>
    z.coerce.number().int().min(1).max(max).default(fallback),
  nonNegativeInt: (fallback: number, max = 1_000_000) =>
    z.coerce.number().int().min(0).max(max).default(fallback),
  host: z.string().min(1).default('127.0.0.1'),
  databaseUrl: z
    .string({ message: 'set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/conveyor' })
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    // The driver lets URL parameters override the TLS options; DATABASE_SSL is the one switch.
    .refine((url) => !/[?&]ssl[a-z]*=/i.test(url), {
      message: 'DATABASE_URL must not carry ssl parameters: set DATABASE_SSL instead',
    }),
  queuePrefix: z
    .string()
    .regex(/^[A-Za-z0-9_-]{0,40}$/, 'SQS_QUEUE_PREFIX may hold letters, digits, - and _ only'),
  url: z.url({ message: 'set a URL such as http://127.0.0.1:4566' }),
  booleanFlag: z
    .enum(['true', 'false', '1', '0'], { message: 'set true or false' })
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
};
