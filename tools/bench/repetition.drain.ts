import { PurgeQueueCommand } from '@aws-sdk/client-sqs';
import type { QueueDirectory } from '@conveyor/messaging';
import { readQueueDepth } from '@conveyor/messaging';
import type { BenchEnvironment } from './bench.environment';

const OUTBOX_TABLES = ['orders', 'payments', 'inventory', 'shipping'].map(
  (schema) => `${schema}.outbox`,
);

/** What a repetition left behind: messages on its work queues, rows in any outbox. */
export interface Leftovers {
  messages: number;
  outboxRows: number;
}

/** A repetition counts only if it ended drained; otherwise it says what was left. */
export interface Validity {
  valid: boolean;
  leftovers: Leftovers | null;
}

/**
 * Waits until the work queues hold nothing (visible, in flight or delayed) and every outbox is
 * empty, so nothing of this repetition is handled in the next one's window; null once drained,
 * else what was still there at the deadline.
 */
export async function waitUntilDrained(
  env: BenchEnvironment,
  directory: QueueDirectory,
  timeoutMs: number,
): Promise<Leftovers | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = await leftovers(env, directory);
    if (left.messages === 0 && left.outboxRows === 0) return null;
    if (Date.now() >= deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * After a repetition whose processes have stopped: what they left is removed, so the next one
 * starts clean, and the repetition is marked invalid when anything was left.
 */
export async function settleRepetition(
  env: BenchEnvironment,
  directory: QueueDirectory,
  whileRunning: Leftovers | null,
): Promise<Validity> {
  const afterStop = await waitUntilDrained(env, directory, 0);
  if (!afterStop && !whileRunning) return { valid: true, leftovers: null };
  await clearLeftovers(env, directory);
  return { valid: false, leftovers: whileRunning ?? afterStop };
}

/** Empties the work queues (for the API figure, whose payment requests nobody consumes). */
export async function purgeWorkQueues(
  env: BenchEnvironment,
  directory: QueueDirectory,
): Promise<void> {
  for (const { workUrl } of Object.values(directory)) {
    await env.sqs.send(new PurgeQueueCommand({ QueueUrl: workUrl }));
  }
}

async function clearLeftovers(env: BenchEnvironment, directory: QueueDirectory): Promise<void> {
  await purgeWorkQueues(env, directory);
  for (const table of OUTBOX_TABLES) await env.sql.query(`DELETE FROM ${table}`);
}

/** What the repetition's work queues and every outbox still hold. */
export async function leftovers(
  env: BenchEnvironment,
  directory: QueueDirectory,
): Promise<Leftovers> {
  const depths = await Promise.all(
    Object.values(directory).map(({ workUrl }) => readQueueDepth(env.sqs, workUrl)),
  );
  const { rows } = await env.sql.query<{ rows: string }>(
    `SELECT ${OUTBOX_TABLES.map((table) => `(SELECT count(*) FROM ${table})`).join(' + ')} AS rows`,
  );
  return {
    messages: depths.reduce((sum, d) => sum + d.visible + d.inFlight + d.delayed, 0),
    outboxRows: Number(rows[0].rows),
  };
}
