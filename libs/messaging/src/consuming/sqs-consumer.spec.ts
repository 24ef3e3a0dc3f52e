import { setTimeout as sleep } from 'node:timers/promises';
import { waitFor, SQS_EMULATOR_CREDENTIALS, SQS_EMULATOR_REGION } from '@conveyor/dev-stack';
import { waitForQueueCounts, readQueueCounts } from '@conveyor/testing';
import { correlationContext } from '@conveyor/observability';
import { createSqsClient } from '../sqs/sqs-client.factory';
import type { ConsumedMessage } from './consumer.types';
import { useConsumerHarness } from './sqs-consumer-spec.harness';

jest.setTimeout(20_000);

describe('SqsConsumer', () => {
  const harness = useConsumerHarness();
  const { startConsumer, publish, queueDrained } = harness;

  it('hands each message to the handler in its correlation context and deletes it', async () => {
    const seen: { message: ConsumedMessage; correlationId?: string }[] = [];
    const [envelope] = await publish(1);
    startConsumer((message) => {
      seen.push({ message, correlationId: correlationContext.currentId() });
      return Promise.resolve();
    });

    await queueDrained(harness.directory.inventory.workUrl);

    expect(harness.consumer?.health()).toMatchObject({
      running: true,
      lastPollAt: expect.any(Date),
    });
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
      harness.fixture.sqs,
      harness.directory.inventory.dlqUrl,
      (counts) => counts.visible === 1,
      { description: 'the message in the DLQ' },
    );
    await harness.consumer?.stop();

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
    await queueDrained(harness.directory.inventory.workUrl);

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
    expect(await readQueueCounts(harness.fixture.sqs, harness.directory.inventory.workUrl)).toEqual(
      {
        visible: 0,
        inFlight: 0,
        delayed: 0,
      },
    );
  });

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
