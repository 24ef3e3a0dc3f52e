import type { DataSource } from 'typeorm';

export interface PendingMessage {
  id: string;
  queue: string;
  type: string;
  createdAt: Date;
  attempts: number;
  lastError: string | null;
}

/**
 * The order's messages still in the order API's outbox: committed, not yet accepted by SQS.
 * Sent rows are deleted, and the inbox keeps message ids without their order, so what was sent
 * and received is read from the order's traces instead.
 */
export async function pendingMessagesOf(
  dataSource: DataSource,
  orderId: string,
): Promise<PendingMessage[]> {
  const rows = await dataSource.query<
    {
      id: string;
      queue: string;
      message_type: string;
      created_at: Date;
      attempts: number;
      last_error: string | null;
    }[]
  >(
    `SELECT id, queue, message_type, created_at, attempts, last_error FROM orders.outbox
     WHERE envelope->>'orderId' = $1 ORDER BY created_at`,
    [orderId],
  );
  return rows.map((row) => ({
    id: row.id,
    queue: row.queue,
    type: row.message_type,
    createdAt: row.created_at,
    attempts: row.attempts,
    lastError: row.last_error,
  }));
}
