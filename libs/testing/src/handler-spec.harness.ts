import { DataSource } from 'typeorm';
import { Failpoints, loadConfig, testEnvSchema } from '@conveyor/config';
import type { ConveyorApp, EnvelopeOf, MessageType } from '@conveyor/contracts';
import { waitFor } from '@conveyor/dev-stack';
import type { MessageHandler } from '@conveyor/messaging';
import { serviceDataSourceOptions, type ServiceDatabase } from '@conveyor/persistence';
import { OutboxRelay, TransactionalMessaging } from '@conveyor/transactional-messaging';
import { deliver, type HandlingOutcome } from './handler-spec.delivery';

/** A message a handler staged, as its outbox row holds it. */
export interface StagedMessage {
  type: string;
  orderId: string | null;
  payload: unknown;
}

export type Row = Record<string, unknown>;

/**
 * What a worker handler spec works with: the app's schema in this test file's copy of the
 * migrated database, a TransactionalMessaging on it whose relay is never started (so whatever a
 * handler staged stays in the outbox table for the spec to read), and unarmed failpoints. Apps
 * extend it with their own seeding and reading helpers.
 */
export class HandlerSpec<App extends ConveyorApp> {
  readonly failpoints = new Failpoints([]);
  dataSource: DataSource;
  messaging: TransactionalMessaging<App>;

  constructor(
    readonly app: App,
    private readonly database: Pick<ServiceDatabase, 'schema' | 'entities'>,
  ) {}

  async open(): Promise<void> {
    const { schema, entities } = this.database;
    const { CONVEYOR_TEST_DATABASE_URL: url } = loadConfig(testEnvSchema);
    const applicationName = `${this.app}-spec`;
    // The test PostgreSQL listens without TLS, as the suite's global setup uses it.
    const ssl = { mode: 'disable' as const };
    const options = { schema, entities, url, ssl, poolSize: 4, applicationName };
    this.dataSource = await new DataSource(serviceDataSourceOptions(options)).initialize();
    const relay = new OutboxRelay({
      dataSource: this.dataSource,
      schema,
      publisher: { publish: () => Promise.reject(new Error('a spec relay never publishes')) },
      logger: { warn: () => undefined, error: () => undefined },
    });
    this.messaging = new TransactionalMessaging<App>(this.dataSource, schema, relay);
  }

  async close(): Promise<void> {
    await this.dataSource?.destroy();
  }

  /** Empties every table of the app's schema, so each test starts from the migrated state. */
  async reset(): Promise<void> {
    const tables = await this.dataSource.query<{ name: string }[]>(
      `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
       WHERE table_schema = $1 AND table_name <> 'migrations'`,
      [this.database.schema],
    );
    await this.dataSource.query(`TRUNCATE ${tables.map((table) => table.name).join(', ')}`);
  }

  /** Every message staged in the outbox, ordered by type and order id. */
  async outbox(): Promise<StagedMessage[]> {
    const rows = await this.dataSource.query<{ envelope: StagedMessage }[]>(
      `SELECT envelope FROM "${this.database.schema}".outbox
       ORDER BY message_type, envelope->>'orderId'`,
    );
    return rows.map(({ envelope: { type, orderId, payload } }) => ({ type, orderId, payload }));
  }

  /** Deletes the staged messages, as the relay does once SQS accepted them. */
  async drainOutbox(): Promise<void> {
    await this.dataSource.query(`DELETE FROM "${this.database.schema}".outbox`);
  }

  /** The message ids the inbox recorded as applied. */
  async inbox(): Promise<string[]> {
    const rows = await this.dataSource.query<{ message_id: string }[]>(
      `SELECT message_id FROM "${this.database.schema}".inbox ORDER BY message_id`,
    );
    return rows.map((row) => row.message_id);
  }

  /** A failed delivery must leave no trace, or its retry would be skipped as a duplicate. */
  async expectNothingCommitted(): Promise<void> {
    expect(await this.outbox()).toEqual([]);
    expect(await this.inbox()).toEqual([]);
  }

  /** Delivers `envelope` twice, as SQS may; the second delivery must change nothing. */
  async deliverTwice<T extends MessageType>(handler: MessageHandler<T>, envelope: EnvelopeOf<T>) {
    expect(await deliver(handler, envelope)).toEqual({ kind: 'done' });
    const staged = await this.outbox();
    expect(await deliver(handler, envelope, 2)).toEqual({ kind: 'done' });
    expect(await this.outbox()).toEqual(staged);
    expect(await this.inbox()).toEqual([envelope.messageId]);
  }

  /** Seeds one row; objects and arrays are written as JSON, for the jsonb columns. */
  async insert(table: string, row: Row): Promise<void> {
    const columns = Object.keys(row);
    const values = Object.values(row).map((value) =>
      typeof value === 'object' && value !== null && !(value instanceof Date)
        ? JSON.stringify(value)
        : value,
    );
    const placeholders = columns.map((_, index) => `$${index + 1}`).join(', ');
    await this.dataSource.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders})`,
      values,
    );
  }

  /** The rows of `table` whose columns equal `where`. */
  rows(table: string, where: Row = {}): Promise<Row[]> {
    const conditions = Object.keys(where).map((column, index) => `${column} = $${index + 1}`);
    return this.dataSource.query<Row[]>(
      `SELECT * FROM ${table} WHERE ${conditions.join(' AND ') || 'true'}`,
      Object.values(where),
    );
  }

  /** The first row `sql` selects, or undefined when it selects none. */
  async first(sql: string, params: unknown[]): Promise<Row | undefined> {
    const [row] = await this.dataSource.query<Row[]>(sql, params);
    return row;
  }

  /**
   * Delivers `envelope` while a twin delivery's transaction holds its inbox row, and terminates
   * the handler's connection as it waits for that row: the database connection lost in the
   * middle of a handler. The twin then rolls back, so nothing of either is applied.
   */
  async whileConnectionDrops<T extends MessageType>(
    handler: MessageHandler<T>,
    envelope: EnvelopeOf<T>,
  ): Promise<HandlingOutcome> {
    const twin = this.dataSource.createQueryRunner();
    await twin.startTransaction();
    try {
      await twin.query(
        `INSERT INTO "${this.database.schema}".inbox (message_id, message_type) VALUES ($1, $2)`,
        [envelope.messageId, envelope.type],
      );
      const [{ pid }] = (await twin.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
      const pending = deliver(handler, envelope);
      await this.terminateWaiterOn(pid);
      return await pending;
    } finally {
      await twin.rollbackTransaction();
      await twin.release();
    }
  }

  private async terminateWaiterOn(blockerPid: number): Promise<void> {
    // Asked on another connection: a transaction sees pg_stat_activity as of its first look.
    const waiter = await waitFor(
      async () =>
        (
          await this.dataSource.query<{ pid: number }[]>(
            `SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`,
            [blockerPid],
          )
        )[0],
      { timeoutMs: 5_000, intervalMs: 20, description: 'the handler waiting for the inbox row' },
    );
    await this.dataSource.query('SELECT pg_terminate_backend($1)', [waiter.pid]);
  }
}

interface SpecLifecycle {
  open(): Promise<void>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Opens `spec` before the file's tests, resets it before each, closes it after them. */
export function useHandlerSpec<S extends SpecLifecycle>(spec: S): S {
  beforeAll(() => spec.open());
  beforeEach(() => spec.reset());
  afterAll(() => spec.close());
  return spec;
}
