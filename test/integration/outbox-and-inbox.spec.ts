import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  TransactionalMessaging,
  OutboxRelay,
  outboxTableSql,
  inboxTableSql,
} from '@conveyor/transactional-messaging';
import { createSqsClient, SqsPublisher, type QueueDirectory } from '@conveyor/messaging';
import { waitFor } from '@conveyor/dev-stack';
import { readQueueCounts } from '@conveyor/testing';
import { testEnvironment, uniquePrefix } from '../support/test-context';
import { provisionTestQueues } from '../support/test-queues';

const silent = { warn: () => undefined, error: () => undefined };

describe('transactional outbox and inbox (real PostgreSQL and SQS emulator)', () => {
  const env = testEnvironment();
  const schema = `outbox_it_${randomUUID().slice(0, 8)}`;
  const sqs = createSqsClient({
    region: 'us-east-1',
    endpoint: env.CONVEYOR_TEST_SQS_ENDPOINT,
    credentials: { accessKeyId: 't', secretAccessKey: 't' },
  });
  let dataSource: DataSource;
  let directory: QueueDirectory;
  let publisher: SqsPublisher;

  beforeAll(async () => {
    dataSource = await new DataSource({
      type: 'postgres',
      url: env.CONVEYOR_TEST_DATABASE_URL,
      extra: { max: 20 },
    }).initialize();
    await dataSource.query(`CREATE SCHEMA "${schema}"`);
    await dataSource.query(`CREATE TABLE "${schema}".effects (message_id uuid, note text)`);
    for (const statement of [...outboxTableSql(schema), ...inboxTableSql(schema)])
      await dataSource.query(statement);
    directory = await provisionTestQueues(
      env.CONVEYOR_TEST_SQS_ENDPOINT,
      uniquePrefix('outbox'),
      'standard',
    );
    publisher = new SqsPublisher({ sqs, directory, mode: 'standard' });
  });

  afterAll(async () => {
    await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
    await dataSource.destroy();
    sqs.destroy();
  });

  const backlog = async () =>
    Number((await dataSource.query(`SELECT count(*) FROM "${schema}".outbox`))[0].count);
  const queued = async () => (await readQueueCounts(sqs, directory.payments.workUrl)).visible;
  const stage = (messaging: TransactionalMessaging<'shipping-worker'>, count: number) =>
    messaging.run(async ({ emit }) => {
      for (let i = 0; i < count; i++) {
        await emit('payment.void-requested', randomUUID(), { reason: 'CANCELLED' });
      }
    });

  it('sends what a transaction committed after the commit, and nothing that rolled back', async () => {
    const relay = new OutboxRelay({ dataSource, schema, publisher, logger: silent });
    const messaging = new TransactionalMessaging<'shipping-worker'>(dataSource, schema, relay);
    relay.start();
    const before = await queued();
    await stage(messaging, 3);
    await expect(
      messaging.run(async ({ emit }) => {
        await emit('payment.void-requested', randomUUID(), { reason: 'CANCELLED' });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    await waitFor(async () => (await backlog()) === 0 && (await queued()) === before + 3, {
      description: 'three messages sent',
    });
    await relay.stop();
    expect(await queued()).toBe(before + 3);
  });

  it('sends a commit at once when nothing was sent for a linger: the linger is a bound, not a delay', async () => {
    const relay = new OutboxRelay({
      dataSource,
      schema,
      publisher,
      logger: silent,
      lingerMs: 60_000,
      pollIntervalMs: 60_000,
    });
    const messaging = new TransactionalMessaging<'shipping-worker'>(dataSource, schema, relay);
    relay.start();
    await waitFor(async () => (await backlog()) === 0, { description: 'the start-up sweep' });
    const before = await queued();
    await stage(messaging, 1);
    // Far sooner than the linger (and than the sweep): sent because nothing else was.
    await waitFor(async () => (await backlog()) === 0 && (await queued()) === before + 1, {
      timeoutMs: 10_000,
      description: 'the message sent without waiting for the linger',
    });
    await relay.stop();
  });

  it('gathers the commits of a busy moment into one batch, not one send per commit', async () => {
    const publishes: number[] = [];
    const counting = {
      publish: (messages: Parameters<SqsPublisher['publish']>[0]) => {
        publishes.push(messages.length);
        return publisher.publish(messages);
      },
    };
    // The first commit goes out at once; the others, committed within the 2 s linger that its
    // send started, leave together when it ends.
    const relay = new OutboxRelay({
      dataSource,
      schema,
      publisher: counting,
      logger: silent,
      lingerMs: 2_000,
      pollIntervalMs: 60_000,
    });
    const messaging = new TransactionalMessaging<'shipping-worker'>(dataSource, schema, relay);
    relay.start();
    const before = await queued();
    await Promise.all(Array.from({ length: 20 }, () => stage(messaging, 1)));
    await waitFor(async () => (await backlog()) === 0 && (await queued()) === before + 20, {
      description: 'twenty messages sent',
    });
    await relay.stop();
    // The start-up sweep may have taken some rows, the first commit went alone, and the others
    // shared the sends that followed.
    expect(publishes.reduce((sum, count) => sum + count, 0)).toBe(20);
    expect(publishes.length).toBeLessThanOrEqual(3);
  });

  it('keeps rows while SQS is unreachable and drains them once it is back', async () => {
    const deadSqs = createSqsClient({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
    });
    const offline = new OutboxRelay({
      dataSource,
      schema,
      logger: silent,
      publisher: new SqsPublisher({ sqs: deadSqs, directory, mode: 'standard' }),
    });
    const messaging = new TransactionalMessaging(dataSource, schema, offline);
    offline.start();
    const before = await queued();
    await stage(messaging, 25);
    await waitFor(async () => (await offline.backlog()) === 25, {
      description: 'rows kept during the outage',
    });
    const stuck = await waitFor(
      async () => {
        const stats = await offline.backlogStats();
        return stats.oldestAgeSeconds > 0.05 ? stats : undefined;
      },
      { description: 'the oldest row to age' },
    );
    expect(stuck.rows).toBe(25);
    await offline.stop();
    deadSqs.destroy();

    const online = new OutboxRelay({
      dataSource,
      schema,
      publisher,
      logger: silent,
      pollIntervalMs: 50,
      sweepAfterMs: 0,
    });
    online.start();
    await waitFor(async () => (await backlog()) === 0, { description: 'backlog drained' });
    await online.stop();
    expect(await queued()).toBe(before + 25);
    expect(await online.backlogStats()).toEqual({ rows: 0, oldestAgeSeconds: 0 });
  });

  it('never sends one row twice when several relays sweep at once', async () => {
    const idle = new OutboxRelay({ dataSource, schema, publisher, logger: silent });
    await stage(new TransactionalMessaging(dataSource, schema, idle), 300);
    const before = await queued();
    const relays = Array.from(
      { length: 4 },
      () =>
        new OutboxRelay({
          dataSource,
          schema,
          publisher,
          logger: silent,
          pollIntervalMs: 20,
          sweepAfterMs: 0,
          batchSize: 10,
        }),
    );
    relays.forEach((relay) => relay.start());
    await waitFor(async () => (await backlog()) === 0, {
      timeoutMs: 30_000,
      description: 'backlog drained by 4 relays',
    });
    await Promise.all(relays.map((relay) => relay.stop()));
    expect(await queued()).toBe(before + 300);
  });

  it('applies a message once however often, and however concurrently, it is delivered', async () => {
    const relay = new OutboxRelay({ dataSource, schema, publisher, logger: silent });
    const duplicates: string[] = [];
    const messaging = new TransactionalMessaging<'shipping-worker'>(dataSource, schema, relay, {
      onDuplicate: ({ messageId, type }) => duplicates.push(`${type} ${messageId}`),
    });
    const envelope = {
      messageId: randomUUID(),
      type: 'payment.void-requested',
      version: 1,
      occurredAt: new Date().toISOString(),
      correlationId: 'test',
      orderId: randomUUID(),
      payload: { reason: 'CANCELLED' },
    };
    const apply = () =>
      messaging.runOnce(envelope, async ({ manager }) => {
        await manager.query(`INSERT INTO "${schema}".effects VALUES ($1, 'applied')`, [
          envelope.messageId,
        ]);
        await new Promise((resolve) => setTimeout(resolve, 50));
      });
    const outcomes = await Promise.all([apply(), apply(), apply()]);
    outcomes.push(await apply());
    expect(outcomes.filter((outcome) => !outcome.duplicate)).toHaveLength(1);
    expect(duplicates).toEqual(Array(3).fill(`payment.void-requested ${envelope.messageId}`));
    const effects = await dataSource.query(
      `SELECT count(*) FROM "${schema}".effects WHERE message_id = $1`,
      [envelope.messageId],
    );
    expect(Number(effects[0].count)).toBe(1);
  });
});
