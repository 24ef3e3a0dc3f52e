import { randomUUID } from 'node:crypto';
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Pool, PoolClient } from 'pg';
import { MESSAGE_CATALOG, type MessageType, type QueueName } from '@conveyor/contracts';
import { inTransaction } from './bare.transaction';

interface OutboxRow {
  id: string;
  queue: QueueName;
  envelope: { type: string; correlationId: string };
}

/** Conveyor's default OUTBOX_LINGER_MS, so that both variants batch their sends alike. */
const LINGER_MS = 100;
const MAX_ROWS = 100;

/**
 * The baselines' outbox, hand-written: rows are inserted in the caller's transaction and, after
 * its commit, claimed (FOR UPDATE SKIP LOCKED), sent with SendMessageBatch and deleted; the
 * commits of one linger share the batches. The same statements Conveyor's relay issues.
 */
export class BareOutbox {
  private readonly pending = new Set<string>();
  private timer?: NodeJS.Timeout;
  private readonly sends = new Set<Promise<void>>();

  constructor(
    private readonly schema: string,
    private readonly pool: Pool,
    private readonly sqs: SQSClient,
    private readonly queueUrls: Record<QueueName, string>,
  ) {}

  async stage(
    client: PoolClient,
    type: MessageType,
    orderId: string | null,
    payload: unknown,
    correlationId: string,
  ): Promise<string> {
    const entry = MESSAGE_CATALOG[type];
    const envelope = {
      messageId: randomUUID(),
      type,
      version: entry.version,
      occurredAt: new Date().toISOString(),
      correlationId,
      orderId,
      payload,
    };
    await client.query(
      `INSERT INTO "${this.schema}".outbox (id, queue, message_type, envelope) VALUES ($1, $2, $3, $4)`,
      [envelope.messageId, entry.queue, type, JSON.stringify(envelope)],
    );
    return envelope.messageId;
  }

  /** After a commit: send these rows within the linger, together with other commits' rows. */
  afterCommit(ids: readonly string[]): void {
    for (const id of ids) this.pending.add(id);
    if (this.pending.size >= MAX_ROWS) this.sendPending();
    else if (this.pending.size > 0) this.timer ??= setTimeout(() => this.sendPending(), LINGER_MS);
  }

  async drain(): Promise<void> {
    this.sendPending();
    while (this.sends.size > 0) await Promise.all([...this.sends]);
  }

  private sendPending(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.pending.size > 0) {
      const batch = [...this.pending].slice(0, MAX_ROWS);
      batch.forEach((id) => this.pending.delete(id));
      const send = this.send(batch).catch((error: unknown) =>
        console.error('bare outbox send failed', error),
      );
      this.sends.add(send);
      void send.finally(() => this.sends.delete(send));
    }
  }

  private send(ids: string[]): Promise<void> {
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<OutboxRow>(
        `SELECT id, queue, envelope FROM "${this.schema}".outbox WHERE id = ANY($1::uuid[])
         ORDER BY created_at LIMIT ${MAX_ROWS} FOR UPDATE SKIP LOCKED`,
        [ids],
      );
      const sent = await this.publish(rows);
      if (sent.length > 0) {
        await client.query(`DELETE FROM "${this.schema}".outbox WHERE id = ANY($1::uuid[])`, [
          sent,
        ]);
      }
    });
  }

  private async publish(rows: OutboxRow[]): Promise<string[]> {
    const byQueue = new Map<QueueName, OutboxRow[]>();
    for (const row of rows) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
    const batches: Promise<string[]>[] = [];
    for (const [queue, queued] of byQueue) {
      for (let start = 0; start < queued.length; start += 10) {
        batches.push(this.sendBatch(this.queueUrls[queue], queued.slice(start, start + 10)));
      }
    }
    return (await Promise.all(batches)).flat();
  }

  private async sendBatch(queueUrl: string, rows: OutboxRow[]): Promise<string[]> {
    const response = await this.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: rows.map((row, index) => ({
          Id: String(index),
          MessageBody: JSON.stringify(row.envelope),
          MessageAttributes: {
            type: { DataType: 'String', StringValue: row.envelope.type },
            correlationId: { DataType: 'String', StringValue: row.envelope.correlationId },
          },
        })),
      }),
    );
    return (response.Successful ?? []).map((entry) => rows[Number(entry.Id)].id);
  }
}
