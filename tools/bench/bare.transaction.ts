import type { Pool, PoolClient } from 'pg';
import type { MessageType } from '@conveyor/contracts';
import type { BareOutbox, BareOutboxRow } from './bare-outbox.relay';

export interface BareEnvelope<TPayload = Record<string, unknown>> {
  messageId: string;
  type: string;
  correlationId: string;
  orderId: string | null;
  occurredAt: string;
  payload: TPayload;
}

export interface BareTransaction {
  client: PoolClient;
  /** Stages a message: no round trip; all of them are written in one INSERT before COMMIT. */
  emit: (type: MessageType, orderId: string | null, payload: unknown) => void;
}

/**
 * One database transaction with an outbox, hand-written with `pg`: BEGIN, the caller's
 * statements, the staged messages in one INSERT, COMMIT, then the outbox sends them from memory.
 * `inbox` makes it a consumer's transaction: the message id is claimed first and a duplicate
 * changes nothing.
 */
export async function bareTransaction(
  pool: Pool,
  outbox: BareOutbox,
  options: { correlationId: string; inbox?: { schema: string; envelope: BareEnvelope } },
  work: (tx: BareTransaction) => Promise<void>,
): Promise<void> {
  const staged: BareOutboxRow[] = [];
  await inTransaction(pool, async (client) => {
    if (options.inbox && !(await claim(client, options.inbox.schema, options.inbox.envelope))) {
      return;
    }
    await work({
      client,
      emit: (type, orderId, payload) => {
        staged.push(outbox.message(type, orderId, payload, options.correlationId));
      },
    });
    await outbox.insert(client, staged);
  });
  outbox.afterCommit(staged);
}

/** BEGIN, the work, COMMIT on one pooled connection; ROLLBACK and rethrow when the work fails. */
export async function inTransaction(
  pool: Pool,
  work: (client: PoolClient) => Promise<void>,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function claim(client: PoolClient, schema: string, envelope: BareEnvelope): Promise<boolean> {
  const { rowCount } = await client.query(
    `INSERT INTO "${schema}".inbox (message_id, message_type) VALUES ($1, $2)
     ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
    [envelope.messageId, envelope.type],
  );
  return rowCount === 1;
}

/** The options of a consumer's transaction: the envelope's correlation id and the schema's inbox. */
export function consumerOf(schema: string, envelope: BareEnvelope) {
  return { correlationId: envelope.correlationId, inbox: { schema, envelope } };
}
