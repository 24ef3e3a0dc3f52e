import { z } from 'zod';
import { ConfigError, loadConfig } from './load-config';
import { envFields } from './env-fields';

const schema = z.object({
  DATABASE_URL: envFields.databaseUrl,
  QUEUE_MODE: z.enum(['standard', 'fifo'], { message: 'set QUEUE_MODE to standard or fifo' }),
  STRIPE_SECRET_KEY: z.string().regex(/^sk_(test|live)_\w+$/, 'must look like sk_test_…'),
  AUTH_JWT_SECRET: z.string().min(32, 'at least 32 characters'),
});

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('loadConfig', () => {
  it('says what to set, one line per problem, and echoes values that are not secret', () => {
    const problems = problemsOf({ QUEUE_MODE: 'fif', AUTH_JWT_SECRET: 'x'.repeat(32) });
    expect(problems).toEqual([
      'Invalid configuration: DATABASE_URL (unset): set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/conveyor',
      'Invalid configuration: QUEUE_MODE (got "fif"): set QUEUE_MODE to standard or fifo',
      expect.stringMatching(/^Invalid configuration: STRIPE_SECRET_KEY \(unset\): /),
    ]);
  });

  it('never echoes the value of a secret it refuses', () => {
    const secrets = {
      DATABASE_URL: 'mysql://app:db-password-canary@db.internal/conveyor',
      STRIPE_SECRET_KEY: 'sk_tset_stripe-canary',
      AUTH_JWT_SECRET: 'jwt-canary',
    };
    const problems = problemsOf({ ...secrets, QUEUE_MODE: 'standard' });
    expect(problems).toEqual([
      'Invalid configuration: DATABASE_URL (set, value not shown): DATABASE_URL must be a postgres:// URL',
      'Invalid configuration: STRIPE_SECRET_KEY (set, value not shown): must look like sk_test_…',
      'Invalid configuration: AUTH_JWT_SECRET (set, value not shown): at least 32 characters',
    ]);
    for (const line of problems) expect(line).not.toMatch(/canary/);
  });

  it('refuses TLS settings in DATABASE_URL, which would override DATABASE_SSL', () => {
    const problems = problemsOf({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/conveyor?sslmode=disable',
      QUEUE_MODE: 'standard',
      STRIPE_SECRET_KEY: 'sk_test_ok',
      AUTH_JWT_SECRET: 'x'.repeat(32),
    });
    expect(problems).toEqual([
      'Invalid configuration: DATABASE_URL (set, value not shown): DATABASE_URL must not carry ssl parameters: set DATABASE_SSL instead',
    ]);
  });

  it('returns the parsed configuration when nothing is wrong', () => {
    const env = {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/conveyor',
      QUEUE_MODE: 'fifo',
      STRIPE_SECRET_KEY: 'sk_test_ok',
      AUTH_JWT_SECRET: 'x'.repeat(32),
    };
    expect(loadConfig(schema, env)).toEqual(env);
  });
});
