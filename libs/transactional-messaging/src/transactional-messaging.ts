import type { DataSource, EntityManager } from 'typeorm';
import type { ConveyorApp, Envelope, OrderIdOf, PayloadOf, ProducedBy } from '@conveyor/contracts';
import type { OutboxMessage, OutboxRelay } from './outbox.relay';
import { OutboxWriter, type StagedMessage } from './outbox.writer';

export interface MessagingTransaction<App extends ConveyorApp> {
  manager: EntityManager;
  /**
   * Stages an outgoing message in this transaction; it is sent only if the transaction commits.
   * Only the types the catalog names `App` a producer of are accepted.
   */
  emit: <T extends ProducedBy<App>>(
    type: T,
    orderId: OrderIdOf<T>,
    payload: PayloadOf<T>,
  ) => Promise<void>;
}

export type InboxOutcome<T> = { duplicate: true } | { duplicate: false; result: T };

export interface InboxObserver {
  /** A delivery the inbox had already applied, skipped (counted in /metrics). */
  onDuplicate(envelope: Pick<Envelope, 'messageId' | 'type'>): void;
}

/**
 * The unit of work of every producer and consumer: effects, inbox record and outgoing messages
 * commit together or not at all, and the outbox relay is told to send right after the commit.
 * `App` is the app using it (each app declares its own subclass), which limits what it may emit.
 */
export class TransactionalMessaging<App extends ConveyorApp> {
  private readonly inboxTable: string;
  private readonly writer: OutboxWriter;

  constructor(
    private readonly dataSource: DataSource,
    schema: string,
    private readonly relay: OutboxRelay,
    private readonly observer?: InboxObserver,
  ) {
    this.inboxTable = `"${schema}".inbox`;
    this.writer = new OutboxWriter(schema);
  }

  /** For producers acting on a request (no incoming message to deduplicate). */
  async run<T>(work: (tx: MessagingTransaction<App>) => Promise<T>): Promise<T> {
    const staged: StagedMessage<ProducedBy<App>>[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const result = await work(this.transactionFor(manager, staged));
      await this.writer.insertAll(manager, staged);
      return result;
    });
    this.relay.notify(staged);
    return result;
  }

  /**
   * For a producer whose whole unit of work is one statement (one round trip, no BEGIN/COMMIT):
   * the message to write as an outbox row in that statement. Hand it to `committed` once the
   * statement has committed it.
   */
  prepare<T extends ProducedBy<App>>(
    type: T,
    orderId: OrderIdOf<T>,
    payload: PayloadOf<T>,
  ): StagedMessage<T> {
    return this.writer.compose(type, orderId, payload);
  }

  /** Tells the relay to send what a statement built from `prepare` committed. */
  committed(messages: readonly OutboxMessage[]): void {
    this.relay.notify(messages);
  }

  /**
   * For consumers: applies `work` at most once per message id. A duplicate delivery, even one
   * racing the first on another consumer, finds the inbox row (the insert waits for the other
   * transaction and then conflicts) and changes nothing.
   */
  async runOnce<T>(
    envelope: Pick<Envelope, 'messageId' | 'type'>,
    work: (tx: MessagingTransaction<App>) => Promise<T>,
  ): Promise<InboxOutcome<T>> {
    const staged: StagedMessage<ProducedBy<App>>[] = [];
    const outcome = await this.dataSource.transaction(async (manager): Promise<InboxOutcome<T>> => {
      const claimed = await manager.query<unknown[]>(
        `INSERT INTO ${this.inboxTable} (message_id, message_type) VALUES ($1, $2)
         ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
        [envelope.messageId, envelope.type],
      );
      if (claimed.length === 0) return { duplicate: true };
      const result = await work(this.transactionFor(manager, staged));
      await this.writer.insertAll(manager, staged);
      return { duplicate: false, result };
    });
    this.relay.notify(staged);
    if (outcome.duplicate) this.observer?.onDuplicate(envelope);
    return outcome;
  }

  private transactionFor(
    manager: EntityManager,
    staged: StagedMessage<ProducedBy<App>>[],
  ): MessagingTransaction<App> {
    return {
      manager,
      // Kept in memory until the work is done, then written in one INSERT (see insertAll).
      emit: (type, orderId, payload) => {
        staged.push(this.writer.compose(type, orderId, payload));
        return Promise.resolve();
      },
    };
  }
}
