import { setTimeout as sleep } from 'node:timers/promises';
import {
  readQueueCounts,
  waitFor,
  waitForQueueCounts,
  SQS_EMULATOR_CREDENTIALS,
  SQS_EMULATOR_REGION,
} from '@conveyor/testing';
import { correlationContext } from '@conveyor/observability';
import {
  capturingLogger,
  restockEnvelope,
  startEmulatorFixture,
  stopEmulatorFixture,
  uniquePrefix,
  type EmulatorFixture,
} from '../messaging-spec.fixture';
import { SqsPublisher } from '../publishing/sqs-publisher';
import { createSqsClient } from '../sqs/sqs-client.factory';
import type { QueueDirectory } from '../topology/queue-directory';
import { provisionQueues } from '../topology/queue-provisioner';
import { resolveQueueTopology } from '../topology/queue-topology';
import type { ConsumedMessage, MessageHandler, SqsConsumerOptions } from './consumer.types';
import { SqsConsumer } from './sqs-consumer';

jest.setTimeout(20_000);

describe('SqsConsumer', () => {
  let fixture: EmulatorFixture;
  let directory: QueueDirectory;
  let consumer: SqsConsumer | undefined;
  beforeAll(async () => {
    fixture = await startEmulatorFixture();
  });
  beforeEach(async () => {
    const topology = resolveQueueTopology({
      prefix: uniquePrefix(),
      mode: 'standard',
      maxReceiveCount: 3,
    });
    directory = await provisionQueues(fixture.sqs, topology);
  });
  afterEach(() => consumer?.stop());
  afterAll(() => stopEmulatorFixture(fixture));

  function startConsumer(handler: MessageHandler, options: Partial<SqsConsumerOptions> = {}) {
    const logger = capturingLogger();
    consumer = new SqsConsumer({
      sqs: fixture.sqs,
      queue: 'inventory',
      queueUrl: directory.inventory.workUrl,
      dlqUrl: directory.inventory.dlqUrl,
      mode: 'standard',
      concurrency: 4,
      visibilityTimeoutSeconds: 5,
      maxReceiveCount: 3,
      waitTimeSeconds: 1,
      backoff: { baseSeconds: 1, maxSeconds: 1 },
      handler,
      logger,
      ...options,
    });
    consumer.start();
    return { consumer, logger };
  }

  async function publish(count: number) {
    const envelopes = Array.from({ length: count }, () => restockEnvelope());
    const publisher = new SqsPublisher({ sqs: fixture.sqs, directory, mode: 'standard' });
    const result = await publisher.publish(
      envelopes.map((envelope) => ({ id: envelope.messageId, queue: 'inventory', envelope })),
    );
    expect(result.failed).toEqual([]);
    return envelopes;
  }

  const queueDrained = (url: string) =>
    waitForQueueCounts(
      fixture.sqs,
      url,
      (counts) => counts.visible + counts.inFlight + counts.delayed === 0,
      { description: 'an empty queue' },
    );

  it('hands each message to the handler in its correlation context and deletes it', async () => {
    const seen: { message: ConsumedMessage; correlationId?: string }[] = [];
    const [envelope] = await publish(1);
    startConsumer((message) => {
      seen.push({ message, correlationId: correlationContext.currentId() });
      return Promise.resolve();
    });

    await queueDrained(directory.inventory.workUrl);

    expect(consumer?.health()).toMatchObject({ running: true, lastPollAt: expect.any(Date) });
    expect(seen).toEqual([
      {
        message: { envelope, receiveCount: 1, sqsMessageId: expect.any(String) },
        correlationId: envelope?.correlationId,
      },
    ]);
  });

  it('retries a failing message with backoff and leaves it to SQS to dead-letter after maxReceiveCount', async () => {
    const receiveCounts: number[] = [];
    await publish(1);
    const { logger } = startConsumer((message) => {
      receiveCounts.push(message.receiveCount);
      return Promise.reject(new Error('database unavailable'));
    });

    await waitForQueueCounts(
      fixture.sqs,
      directory.inventory.dlqUrl,
      (counts) => counts.visible === 1,
      { description: 'the message in the DLQ' },
    );
    await consumer?.stop();

    expect(receiveCounts).toEqual([1, 2, 3]);
    expect(logger.entries.filter((entry) => entry.level === 'warn')).toEqual([
      expect.objectContaining({
        obj: expect.objectContaining({ err: expect.any(Error), receiveCount: 1 }),
      }),
      expect.objectContaining({ obj: expect.objectContaining({ receiveCount: 2 }) }),
    ]);
    expect(logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'error',
        obj: expect.objectContaining({ receiveCount: 3 }),
      }),
    );
  });

  it('extends the visibility of a slow handler so its message is delivered once', async () => {
    let deliveries = 0;
    await publish(1);
    startConsumer(
      async () => {
        deliveries += 1;
        await sleep(4_500); // well past the 2 s visibility timeout
      },
      { visibilityTimeoutSeconds: 2 },
    );

    await waitFor(() => deliveries === 1, { description: 'the first delivery' });
    await queueDrained(directory.inventory.workUrl);

    expect(deliveries).toBe(1);
  });

  it('lets in-flight handlers finish on stop and deletes their messages', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = 0;
    let finished = 0;
    await publish(3);
    const { consumer: running } = startConsumer(
      async () => {
        started += 1;
        await gate;
        finished += 1;
      },
      { waitTimeSeconds: 20 },
    );
    await waitFor(() => started === 3, { description: 'three handlers running' });

    const stopping = running.stop();
    expect(running.isRunning).toBe(false);
    release();
    await stopping;

    expect(finished).toBe(3);
    expect(running.health().inFlight).toBe(0);
    expect(await readQueueCounts(fixture.sqs, directory.inventory.workUrl)).toEqual({
      visible: 0,
      inFlight: 0,
      delayed: 0,
    });
  });

  it('never runs more handlers than its concurrency, and one slow handler does not hold back the rest', async () => {
    let active = 0;
    let maxActive = 0;
    let handled = 0;
    let releaseSlow: () => void = () => undefined;
    const slowGate = new Promise<void>((resolve) => (releaseSlow = resolve));
    const [slow] = await publish(1);
    await publish(15);
    startConsumer(
      async ({ envelope }) => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        if (envelope.messageId === slow?.messageId) await slowGate;
        else await sleep(20);
        active -= 1;
        handled += 1;
      },
      { concurrency: 3 },
    );

    // The slow message holds one slot; the other two keep draining the rest meanwhile.
    await waitFor(() => handled === 15, { description: '15 fast messages handled' });
    releaseSlow();
    await queueDrained(directory.inventory.workUrl);

    expect(maxActive).toBe(3);
  });

  it.each([10, 2])(
    'receives and deletes a backlog in batches of ten (concurrency %i)',
    async (concurrency) => {
      const calls: { command: string; messages: number }[] = [];
      const counted = createSqsClient({
        region: SQS_EMULATOR_REGION,
        endpoint: fixture.emulator.endpoint,
        credentials: SQS_EMULATOR_CREDENTIALS,
      });
      counted.middlewareStack.add(
        (next, context) => async (args) => {
          const result = await next(args);
          const input = args.input as { Entries?: unknown[] };
          const output = result.output as { Messages?: unknown[] };
          const messages = input.Entries?.length ?? output.Messages?.length ?? 0;
          calls.push({ command: context.commandName ?? 'unknown', messages });
          return result;
        },
        { step: 'initialize', name: 'countMessagesPerCall' },
      );
      await publish(40);
      // A linger far longer than the handlers: every batch waits until all ten slots are free.
      // With two handlers the other eight messages of a batch wait in the process, still leased.
      const { consumer: running } = startConsumer(() => sleep(5), {
        sqs: counted,
        concurrency,
        batchLingerMs: 1_000,
      });
      await queueDrained(directory.inventory.workUrl);
      await running.stop();
      counted.destroy();

      const carrying = (command: string) =>
        calls.filter((call) => call.command === command && call.messages > 0);
      const receives = carrying('ReceiveMessageCommand');
      const deletes = carrying('DeleteMessageBatchCommand');
      expect(receives.reduce((sum, call) => sum + call.messages, 0)).toBe(40);
      expect(deletes.reduce((sum, call) => sum + call.messages, 0)).toBe(40);
      expect(receives.length).toBeLessThanOrEqual(5);
      expect(deletes.length).toBeLessThanOrEqual(5);
    },
  );

  it('keeps polling with backoff while SQS is unreachable, and reports it in its health', async () => {
    // Nothing listens on the discard port: every call fails with a connection error.
    const unreachable = createSqsClient({
      region: SQS_EMULATOR_REGION,
      endpoint: 'http://127.0.0.1:9',
      credentials: SQS_EMULATOR_CREDENTIALS,
    });
    const { consumer: running, logger } = startConsumer(() => Promise.resolve(), {
      sqs: unreachable,
    });

    const health = await waitFor(
      () => {
        const current = running.health();
        return current.consecutiveReceiveErrors >= 2 && current;
      },
      { description: 'two failed polls' },
    );
    await running.stop();
    unreachable.destroy();

    expect(health).toMatchObject({ running: true, lastPollAt: null });
    const failures = logger.entries.filter((entry) => entry.msg === 'receive failed');
    expect(failures.length).toBeGreaterThanOrEqual(2);
    for (const failure of failures) {
      expect(failure.obj).toMatchObject({ err: expect.any(Error), delayMs: expect.any(Number) });
      expect(failure.obj.delayMs).toBeGreaterThan(0);
    }
  });
});
