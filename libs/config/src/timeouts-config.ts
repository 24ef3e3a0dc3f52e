import type { z } from 'zod';
import { envFields } from './env-fields';

/**
 * Every call to PostgreSQL and SQS ends, answered or failed, so that an unreachable or silent
 * dependency turns into a 503, a retried message or a red readiness probe, never a hang
 * (docs/reliability.md, "Database and SQS outages").
 */
export const timeoutEnvFields = {
  /** Opening a connection, and waiting for a free one when the pool is full. */
  DATABASE_CONNECT_TIMEOUT_MS: envFields.positiveInt(3_000, 120_000),
  /** Server side: PostgreSQL cancels a statement running longer. */
  DATABASE_STATEMENT_TIMEOUT_MS: envFields.positiveInt(10_000, 3_600_000),
  /** Client side: no answer at all (a silent network); the connection is then discarded. */
  DATABASE_QUERY_TIMEOUT_MS: envFields.positiveInt(15_000, 3_600_000),
  /** Server side: a transaction left open and idle this long is ended, freeing its locks. */
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: envFields.positiveInt(60_000, 3_600_000),
  SQS_CONNECT_TIMEOUT_MS: envFields.positiveInt(5_000, 120_000),
  /** One SQS request; a long poll gets its wait (20 s) on top of this. */
  SQS_REQUEST_TIMEOUT_MS: envFields.positiveInt(10_000, 300_000),
  /** Attempts per SQS call, the first included (the SDK retries transient failures). */
  SQS_MAX_ATTEMPTS: envFields.positiveInt(3, 10),
  /** Each readiness check (database, SQS) fails after this, so /health/ready never hangs. */
  READINESS_CHECK_TIMEOUT_MS: envFields.positiveInt(3_000, 60_000),
};

type TimeoutEnv = { [K in keyof typeof timeoutEnvFields]: z.infer<(typeof timeoutEnvFields)[K]> };

export interface DependencyTimeouts {
  database: {
    connectMs: number;
    statementMs: number;
    queryMs: number;
    idleInTransactionMs: number;
  };
  sqs: { connectMs: number; requestMs: number; maxAttempts: number };
  readinessCheckMs: number;
}

export function checkTimeouts(env: TimeoutEnv, ctx: z.RefinementCtx): void {
  if (env.DATABASE_QUERY_TIMEOUT_MS <= env.DATABASE_STATEMENT_TIMEOUT_MS) {
    ctx.addIssue({
      code: 'custom',
      path: ['DATABASE_QUERY_TIMEOUT_MS'],
      message:
        'set DATABASE_QUERY_TIMEOUT_MS above DATABASE_STATEMENT_TIMEOUT_MS: the server cancels a slow statement first, the client gives up only on silence',
    });
  }
}

export function dependencyTimeouts(env: TimeoutEnv): DependencyTimeouts {
  return {
    database: {
      connectMs: env.DATABASE_CONNECT_TIMEOUT_MS,
      statementMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
      queryMs: env.DATABASE_QUERY_TIMEOUT_MS,
      idleInTransactionMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
    sqs: {
      connectMs: env.SQS_CONNECT_TIMEOUT_MS,
      requestMs: env.SQS_REQUEST_TIMEOUT_MS,
      maxAttempts: env.SQS_MAX_ATTEMPTS,
    },
    readinessCheckMs: env.READINESS_CHECK_TIMEOUT_MS,
  };
}
