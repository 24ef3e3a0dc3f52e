import { randomUUID } from 'node:crypto';
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Pool, PoolClient } from 'pg';
import { MESSAGE_CATALOG, type MessageType, type QueueName } from '@conveyor/contracts';
import { inTransaction } from './bare.transaction';

/** A message as its outbox row holds it: written in the caller's transaction, sent after. */
export interface BareOutboxRow {
  id: string;
  queue: QueueName;
  type: MessageType;
  correlationId: string;
  /** The envelope as JSON, serialised once for the row and the message alike. */
  body: string;
}

/** At most one send per this long, unless a batch is full (Conveyor's OUTBOX_LINGER_MS). */
const LINGER_MS = 100;
const MAX_ROWS = 100;
/** Rows older than this were not sent after their commit (SQS failed, the process died). */
const SWEEP_AFTER_SECONDS = 5;
const SWEEP_EVERY_MS = 1_000;

/**
 * The baselines' outbox, as a careful hand-written service would have it. The rows a transaction
 * wrote are kept in memory and sent right after its commit, so the send reads nothing back (the
 * old claim — BEGIN, SELECT … FOR UPDATE, DELETE, COMMIT — cost four round trips per batch; now
 * one DELETE after SQS accepted the batch). Sends are throttled, not delayed: a commit goes out at
 * once when the last send is older than the linger, else with the batch that gathers until then.
 * Quiet, a message waits only behind a send made less than a linger ago; under load the commits
 * of a linger share a batch, and fuller sends make fuller receives downstream. Measured
 * on the pipeline against sending at once whenever no send was under way (as Conveyor's relay
 * does): 3.2 instead of 5.7 SQS calls per shipped order, 17.2 instead of 18.8 ms of CPU per order
 * (one run each on a busy machine). The sweep sends what is left behind.
 */
export class BareOutbox {
  private pending: BareOutboxRow[] = [];
  private timer?: NodeJS.Timeout;
  private sweepTimer?: NodeJS.Timeout;
  private lastSendAt = -Infinity;
  private readonly work = new Set<Promise<void>>();

  constructor(
    private readonly schema: string,
    private readonly pool: Pool,
    private readonly sqs: SQSClient,
    private readonly queueUrls: Record<QueueName, string>,
  ) {}

  /** A message for the caller to write in its transaction; nothing is sent before the commit. */
  message(
    type: MessageType,
    orderId: string | null,
    payload: unknown,
    correlationId: string,
  ): BareOutboxRow {
    const entry = MESSAGE_CATALOG[type];
    const id = randomUUID();
    const occurredAt = new Date().toISOString();
    const envelope = { messageId: id, type, version: entry.version, occurredAt };
    const body = JSON.stringify({ ...envelope, correlationId, orderId, payload });
    return { id, queue: entry.queue, type, correlationId, body };
  }

  /** All of a transaction's rows in one INSERT (one round trip however many it emits). */
  async insert(client: PoolClient, rows: readonly BareOutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    await client.query(
      `INSERT INTO "${this.schema}".outbox (id, queue, message_type, envelope)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[])`,
      [
        rows.map((row) => row.id),
        rows.map((row) => row.queue),
        rows.map((row) => row.type),
        rows.map((row) => row.body),
      ],
    );
  }

  /** After a commit: send now, or with the batch gathering until a linger after the last send. */
  afterCommit(rows: readonly BareOutboxRow[]): void {
    this.pending.push(...rows);
    if (this.pending.length === 0) return;
    const wait = this.lastSendAt + LINGER_MS - performance.now();
    if (wait <= 0 || this.pending.length >= MAX_ROWS) this.sendPending();
    else this.timer ??= setTimeout(() => this.sendPending(), wait);
  }

  start(): void {
    this.sweepTimer = setTimeout(() => this.track(this.sweep()), SWEEP_EVERY_MS);
  }

  /** Stops sweeping, sends what commits left in memory and waits for every send under way. */
  async drain(): Promise<void> {
    clearTimeout(this.sweepTimer);
    this.sweepTimer = undefined;
    this.sendPending();
    while (this.work.size > 0) await Promise.all([...this.work]);
  }

  private sendPending(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.lastSendAt = performance.now();
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_ROWS);
      this.track(
        this.publish(batch)
          .then((sent) => this.deleteSent(this.pool, sent))
          .catch((error: unknown) => console.error('bare outbox send failed; swept later', error)),
      );
    }
  }

  /**
   * Rows the fast path did not send. A cheap look first (one statement a second when all is
   * well); only leftovers are claimed, so two processes on one schema never send them both.
   */
  private async sweep(): Promise<void> {
    try {
      const aged = `created_at < now() - interval '${SWEEP_AFTER_SECONDS} seconds'`;
      const table = `"${this.schema}".outbox`;
      const { rowCount } = await this.pool.query(`SELECT 1 FROM ${table} WHERE ${aged} LIMIT 1`);
      if (!rowCount) return;
      await inTransaction(this.pool, async (client) => {
        const { rows } = await client.query<BareOutboxRow>(
          `SELECT id, queue, message_type AS type, envelope->>'correlationId' AS "correlationId",
             envelope::text AS body FROM ${table} WHERE ${aged}
           ORDER BY created_at LIMIT ${MAX_ROWS} FOR UPDATE SKIP LOCKED`,
        );
        await this.deleteSent(client, await this.publish(rows));
      });
    } catch (error) {
      console.error('bare outbox sweep failed', error);
    } finally {
      if (this.sweepTimer) this.start();
    }
  }

  private async deleteSent(sql: Pool | PoolClient, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await sql.query(`DELETE FROM "${this.schema}".outbox WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** SendMessageBatch per queue, ten at a time; the ids SQS accepted. */
  private async publish(rows: readonly BareOutboxRow[]): Promise<string[]> {
    const byQueue = new Map<QueueName, BareOutboxRow[]>();
    for (const row of rows) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
    const batches: Promise<string[]>[] = [];
    for (const [queue, queued] of byQueue) {
      for (let start = 0; start < queued.length; start += 10) {
        batches.push(this.sendBatch(this.queueUrls[queue], queued.slice(start, start + 10)));
      }
    }
    // One failed batch does not hold back the others' deletes (its rows wait for the sweep).
    const outcomes = await Promise.allSettled(batches);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') console.error('bare outbox batch failed', outcome.reason);
    }
    return outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? outcome.value : []));
  }

  private async sendBatch(queueUrl: string, rows: BareOutboxRow[]): Promise<string[]> {
    const response = await this.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: rows.map((row, index) => ({
          Id: String(index),
          MessageBody: row.body,
          MessageAttributes: {
            type: { DataType: 'String', StringValue: row.type },
            correlationId: { DataType: 'String', StringValue: row.correlationId },
          },
        })),
      }),
    );
    return (response.Successful ?? []).map((entry) => rows[Number(entry.Id)].id);
  }

  private track(task: Promise<void>): void {
    this.work.add(task);
    void task.finally(() => this.work.delete(task));
  }
}
