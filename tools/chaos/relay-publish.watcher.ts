import type { Pool } from 'pg';
import { CONVEYOR_APPS, type ConveyorApp } from '@conveyor/contracts';

/**
 * Finds an app whose outbox relay is in the middle of a sweep: its session has claimed leftover
 * outbox rows (`SELECT … FROM "<schema>".outbox … FOR UPDATE SKIP LOCKED`) and sits idle in that
 * transaction while it waits for SQS to accept the batch. (The fast path, which sends a commit's
 * rows from memory, holds no transaction: a random kill catches it between send and delete.) Read from pg_stat_activity, which names
 * each session's app (application_name), so no failpoint or log scraping is needed; killing the
 * app then leaves rows claimed, maybe sent, never deleted — the crash the relay must survive.
 */
export async function findRelayMidPublish(sql: Pool): Promise<ConveyorApp | undefined> {
  const { rows } = await sql.query<{ app: string }>(
    `SELECT application_name AS app FROM pg_stat_activity
     WHERE datname = current_database()
       AND state = 'idle in transaction'
       AND query LIKE '%.outbox%FOR UPDATE SKIP LOCKED%'
       AND application_name = ANY($1::text[])
     ORDER BY random() LIMIT 1`,
    [CONVEYOR_APPS],
  );
  return rows[0]?.app as ConveyorApp | undefined;
}

/** Polls for a relay mid-publish until `timeoutMs`; undefined when none was caught. */
export async function waitForRelayMidPublish(
  sql: Pool,
  timeoutMs: number,
): Promise<ConveyorApp | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const app = await findRelayMidPublish(sql).catch(() => undefined);
    if (app) return app;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return undefined;
}
