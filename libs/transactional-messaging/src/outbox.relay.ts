import type { DataSource, EntityManager } from 'typeorm';
import type { Envelope, QueueName } from '@conveyor/contracts';
import { outsideAnyTrace, startSendSpans } from '@conveyor/tracing';

/** A committed outbox row, as its transaction wrote it. */
export interface OutboxMessage {
  id: string;
  queue: QueueName;
  envelope: Envelope;
}

export interface OutboxPublisher {
  publish(
    messages: OutboxMessage[],
  ): Promise<{ sent: string[]; failed: { id: string; code?: string; message?: string }[] }>;
}

export interface OutboxLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface OutboxRelayOptions {
  dataSource: DataSource;
  schema: string;
  publisher: OutboxPublisher;
  logger: OutboxLogger;
  /** How often leftovers (an SQS outage, a crash between commit and send) are swept. */
  pollIntervalMs?: number;
  /**
   * A row is a leftover once it is this old: the fast path sends within a linger of its commit,
   * so an older row was not sent (SQS failed, or the process that wrote it died).
   */
  sweepAfterMs?: number;
  batchSize?: number;
  /**
   * The fast path sends at most once per this many milliseconds (unless a batch is full): a
   * commit arriving longer than this after the last send goes out at once, and the commits of a
   * busier moment gather into one send at the end of the interval. So batches form only under
   * load, and this is the longest a commit ever waits.
   */
  lingerMs?: number;
  /**
   * Called once SQS accepted a batch and before its rows are deleted; a test's failpoint kills
   * the process here to show that the re-send a crash at this moment causes is harmless.
   */
  afterSend?: (sent: readonly Envelope[]) => void;
}

/**
 * Moves committed outbox rows to SQS. The fast path sends the messages a commit wrote, from
 * memory, right after it (or, if it sent less than a linger ago, with the others committed until
 * the linger ends), then deletes them in one statement: nothing is read back (the old claim,
 * BEGIN, SELECT … FOR UPDATE, DELETE, COMMIT, cost four round trips per batch). The sweep claims
 * leftovers older than `sweepAfterMs` with FOR UPDATE SKIP LOCKED, so replicas never send one
 * together. A row is deleted only after SQS accepted it: a crash in between re-sends it, which
 * the consumers' inbox absorbs.
 */
export class OutboxRelay {
  private readonly table: string;
  private readonly pending = new Map<string, OutboxMessage>();
  /** Ids the fast path is sending now: the sweep leaves them alone, however long SQS takes. */
  private readonly sending = new Set<string>();
  private fastPathTimer?: NodeJS.Timeout;
  private sweepTimer?: NodeJS.Timeout;
  private failures = 0;
  /** When the fast path last sent (ms since the epoch): the linger runs from there. */
  private lastSendAt = 0;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly options: OutboxRelayOptions) {
    this.table = `"${options.schema}".outbox`;
  }

  /**
   * Called after a commit with the rows it wrote: publish them now if the last send left a linger
   * ago or more (a quiet system pays no linger: a fixed one cost ~100 ms at each of an order's
   * five hops), else with the others committed until the linger since that send ends.
   */
  notify(messages: readonly OutboxMessage[]): void {
    for (const message of messages) this.pending.set(message.id, message);
    if (this.sweepTimer === undefined || this.pending.size === 0) return;
    if (this.pending.size >= this.batchSize) return this.publishPending();
    if (this.fastPathTimer !== undefined) return;
    const wait = this.lastSendAt + this.lingerMs - Date.now();
    if (wait <= 0) this.publishPending();
    else this.fastPathTimer = setTimeout(() => this.publishPending(), wait);
  }

  start(): void {
    this.scheduleSweep(0);
  }

  /**
   * Stops sweeping, sends what recent commits staged, and waits for sends under way; anything
   * SQS does not take now stays in the table for the next process.
   */
  async stop(): Promise<void> {
    clearTimeout(this.sweepTimer);
    clearTimeout(this.fastPathTimer);
    this.sweepTimer = undefined;
    this.fastPathTimer = undefined;
    await Promise.allSettled([...this.inFlight]);
    const messages = [...this.pending.values()];
    this.pending.clear();
    if (messages.length > 0) await this.safely(() => this.sendFromMemory(messages));
  }

  /** Rows not yet accepted by SQS, and how long the oldest has waited (0 when there is none). */
  async backlogStats(): Promise<{ rows: number; oldestAgeSeconds: number }> {
    const [row] = await this.options.dataSource.query<{ rows: string; age: string | null }[]>(
      `SELECT count(*) AS rows, extract(epoch FROM now() - min(created_at)) AS age
       FROM ${this.table}`,
    );
    return { rows: Number(row.rows), oldestAgeSeconds: Math.max(0, Number(row.age ?? 0)) };
  }

  async backlog(): Promise<number> {
    return (await this.backlogStats()).rows;
  }

  private get batchSize(): number {
    return this.options.batchSize ?? 100;
  }

  private get lingerMs(): number {
    return this.options.lingerMs ?? 100;
  }

  private publishPending(): void {
    clearTimeout(this.fastPathTimer);
    this.fastPathTimer = undefined;
    this.lastSendAt = Date.now();
    while (this.pending.size > 0) {
      const batch = [...this.pending.values()].slice(0, this.batchSize);
      batch.forEach((message) => this.pending.delete(message.id));
      this.track(this.safely(() => this.sendFromMemory(batch)));
    }
  }

  private async sendFromMemory(messages: OutboxMessage[]): Promise<number> {
    messages.forEach((message) => this.sending.add(message.id));
    try {
      return await this.publishAndDelete(this.options.dataSource.manager, messages);
    } finally {
      messages.forEach((message) => this.sending.delete(message.id));
    }
  }

  /** Sends, then deletes what SQS accepted and notes each refusal on its row. */
  private publishAndDelete(sql: EntityManager, rows: OutboxMessage[]): Promise<number> {
    // Timers carry the context of the request that scheduled them; a batch belongs to no order.
    return outsideAnyTrace(async () => {
      const result = await this.publishTraced(rows);
      const sent = new Set(result.sent);
      this.options.afterSend?.(rows.filter((row) => sent.has(row.id)).map((row) => row.envelope));
      if (result.sent.length > 0) {
        await sql.query(`DELETE FROM ${this.table} WHERE id = ANY($1::uuid[])`, [result.sent]);
      }
      if (result.failed.length > 0) {
        await sql.query(
          `UPDATE ${this.table} AS o SET attempts = attempts + 1, last_error = f.error
           FROM unnest($1::uuid[], $2::text[]) AS f(id, error) WHERE o.id = f.id`,
          [
            result.failed.map((failure) => failure.id),
            result.failed.map((f) => `${f.code ?? 'error'}: ${f.message ?? ''}`.slice(0, 500)),
          ],
        );
      }
      return result.sent.length;
    });
  }

  /** Each row's send span continues the trace its row was staged in, whatever the batch. */
  private async publishTraced(rows: OutboxMessage[]) {
    const send = startSendSpans(rows);
    try {
      const result = await this.options.publisher.publish(send.messages);
      send.end(result);
      return result;
    } catch (error) {
      send.end({ error });
      throw error;
    }
  }

  private async safely(publish: () => Promise<number>): Promise<number> {
    try {
      const sent = await publish();
      this.failures = 0;
      return sent;
    } catch (error) {
      this.failures += 1;
      this.options.logger.warn(
        { err: error, failures: this.failures },
        'outbox publish failed; rows stay and the sweep retries them',
      );
      return 0;
    }
  }

  private scheduleSweep(delayMs: number): void {
    this.sweepTimer = setTimeout(() => {
      const sweep = this.sweep().finally(() => {
        if (this.sweepTimer === undefined) return;
        const base = this.options.pollIntervalMs ?? 1_000;
        // Back off while SQS or the database is failing, so an outage is not hammered.
        this.scheduleSweep(Math.min(base * 2 ** Math.min(this.failures, 5), 15_000));
      });
      this.track(sweep);
    }, delayMs);
  }

  private async sweep(): Promise<void> {
    // Drain a backlog in consecutive batches; stop at the first short or failed batch.
    for (let round = 0; round < 50 && this.sweepTimer !== undefined; round++) {
      const sent = await this.safely(() => this.sweepBatch());
      if (sent < this.batchSize) return;
    }
  }

  /** One batch of leftovers: a cheap look first (one statement a second when all is well). */
  private async sweepBatch(): Promise<number> {
    const leftover = `created_at < now() - make_interval(secs => $1 / 1000.0)
      AND NOT (id = ANY($2::uuid[]))`;
    const values = [this.options.sweepAfterMs ?? 5_000, [...this.sending]];
    const { dataSource } = this.options;
    const found = await dataSource.query<unknown[]>(
      `SELECT 1 FROM ${this.table} WHERE ${leftover} LIMIT 1`,
      values,
    );
    if (found.length === 0) return 0;
    return dataSource.transaction(async (manager) => {
      const rows = await manager.query<OutboxMessage[]>(
        `SELECT id, queue, envelope FROM ${this.table} WHERE ${leftover}
         ORDER BY created_at LIMIT $3 FOR UPDATE SKIP LOCKED`,
        [...values, this.batchSize],
      );
      return rows.length === 0 ? 0 : this.publishAndDelete(manager, rows);
    });
  }

  private track(work: Promise<unknown>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }
}
