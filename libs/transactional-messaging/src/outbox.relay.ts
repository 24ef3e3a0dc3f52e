import type { DataSource } from 'typeorm';
import type { Envelope, QueueName } from '@conveyor/contracts';
import { outsideAnyTrace, startSendSpans } from '@conveyor/tracing';

export interface OutboxPublisher {
  publish(
    messages: { id: string; queue: QueueName; envelope: Envelope }[],
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

interface OutboxRow {
  id: string;
  queue: QueueName;
  envelope: Envelope;
}

/**
 * Moves committed outbox rows to SQS. The fast path publishes rows named by `notify` right after
 * their transaction commits, or, if it sent less than a linger ago, with the others committed
 * until the linger ends; the sweep re-sends whatever is still there. Rows are claimed with
 * FOR UPDATE SKIP LOCKED, so several replicas never send the same row at once, and deleted only
 * after SQS accepted them: a crash in between re-sends, which the consumers' inbox absorbs.
 */
export class OutboxRelay {
  private readonly table: string;
  private readonly pending = new Set<string>();
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
   * Called after a commit: publish these rows now if the last send left a linger ago or more (a
   * quiet system pays no linger: a fixed one cost ~100 ms at each of an order's five hops), else
   * with the others committed until the linger since that send ends.
   */
  notify(ids: string[]): void {
    for (const id of ids) this.pending.add(id);
    if (this.sweepTimer === undefined) return;
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
    const ids = [...this.pending];
    this.pending.clear();
    if (ids.length > 0) await this.publishSafely(ids);
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
    const [row] = await this.options.dataSource.query<{ count: string }[]>(
      `SELECT count(*) AS count FROM ${this.table}`,
    );
    return Number(row.count);
  }

  /** Publishes one batch (the named rows, or the oldest ones); returns how many SQS accepted. */
  async publishBatch(ids?: string[]): Promise<number> {
    // Timers carry the context of the request that scheduled them; a batch belongs to no order.
    return outsideAnyTrace(() => this.claimAndPublish(ids));
  }

  private async claimAndPublish(ids?: string[]): Promise<number> {
    return this.options.dataSource.transaction(async (manager) => {
      const rows = await manager.query<OutboxRow[]>(
        `SELECT id, queue, envelope FROM ${this.table}
         WHERE ($1::uuid[] IS NULL OR id = ANY($1::uuid[]))
         ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [ids ?? null, this.batchSize],
      );
      if (rows.length === 0) return 0;
      const result = await this.publishTraced(rows);
      const sent = new Set(result.sent);
      this.options.afterSend?.(rows.filter((row) => sent.has(row.id)).map((row) => row.envelope));
      if (result.sent.length > 0) {
        await manager.query(`DELETE FROM ${this.table} WHERE id = ANY($1::uuid[])`, [result.sent]);
      }
      for (const failure of result.failed) {
        await manager.query(
          `UPDATE ${this.table} SET attempts = attempts + 1, last_error = $2 WHERE id = $1`,
          [failure.id, `${failure.code ?? 'error'}: ${failure.message ?? ''}`.slice(0, 500)],
        );
      }
      return result.sent.length;
    });
  }

  /** Each row's send span continues the trace its row was staged in, whatever the batch. */
  private async publishTraced(rows: OutboxRow[]) {
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
      const ids = [...this.pending].slice(0, this.batchSize);
      ids.forEach((id) => this.pending.delete(id));
      this.track(this.publishSafely(ids));
    }
  }

  private async publishSafely(ids?: string[]): Promise<number> {
    try {
      const sent = await this.publishBatch(ids);
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
      const sent = await this.publishSafely();
      if (sent < this.batchSize) return;
    }
  }

  private track(work: Promise<unknown>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }
}
