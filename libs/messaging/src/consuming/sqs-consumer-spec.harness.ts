import { waitForQueueCounts } from '@conveyor/testing';
import {
  capturingLogger,
  restockEnvelope,
  startEmulatorFixture,
  stopEmulatorFixture,
  uniquePrefix,
  type EmulatorFixture,
} from '../messaging-spec.fixture';
import { SqsPublisher } from '../publishing/sqs-publisher';
import type { QueueDirectory } from '../topology/queue-directory';
import { provisionQueues } from '../topology/queue-provisioner';
import { resolveQueueTopology } from '../topology/queue-topology';
import type { MessageDispatch, SqsConsumerOptions } from './consumer.types';
import { SqsConsumer } from './sqs-consumer';

/**
 * Spec-only: registers the hooks of an SqsConsumer spec file (one emulator per file, fresh
 * queues per test, the test's consumer stopped after it) and gives the tests their helpers.
 */
export function useConsumerHarness() {
  let fixture: EmulatorFixture | undefined;
  let directory: QueueDirectory | undefined;
  let consumer: SqsConsumer | undefined;
  const ready = () => {
    if (!fixture || !directory) throw new Error('the harness is used outside a test');
    return { fixture, directory };
  };
  beforeAll(async () => {
    fixture = await startEmulatorFixture();
  });
  beforeEach(async () => {
    const topology = resolveQueueTopology({
      prefix: uniquePrefix(),
      mode: 'standard',
      maxReceiveCount: 3,
    });
    if (!fixture) throw new Error('the emulator did not start');
    directory = await provisionQueues(fixture.sqs, topology);
  });
  afterEach(async () => {
    await consumer?.stop();
    consumer = undefined;
  });
  afterAll(() => stopEmulatorFixture(fixture));

  return {
    get fixture() {
      return ready().fixture;
    },
    get directory() {
      return ready().directory;
    },
    get consumer() {
      return consumer;
    },
    /** A consumer of the inventory queue with short timeouts, started. */
    startConsumer: (dispatch: MessageDispatch, options: Partial<SqsConsumerOptions> = {}) => {
      const {
        fixture: { sqs },
        directory: queues,
      } = ready();
      const logger = capturingLogger();
      consumer = new SqsConsumer({
        sqs,
        queue: 'inventory',
        queueUrl: queues.inventory.workUrl,
        dlqUrl: queues.inventory.dlqUrl,
        mode: 'standard',
        concurrency: 4,
        visibilityTimeoutSeconds: 5,
        maxReceiveCount: 3,
        waitTimeSeconds: 1,
        backoff: { baseSeconds: 1, maxSeconds: 1 },
        dispatch,
        logger,
        ...options,
      });
      consumer.start();
      return { consumer, logger };
    },
    /** Sends `count` restock messages to the inventory queue; returns their envelopes. */
    publish: async (count: number) => {
      const {
        fixture: { sqs },
        directory: queues,
      } = ready();
      const envelopes = Array.from({ length: count }, () => restockEnvelope());
      const publisher = new SqsPublisher({ sqs, directory: queues, mode: 'standard' });
      const result = await publisher.publish(
        envelopes.map((envelope) => ({ id: envelope.messageId, queue: 'inventory', envelope })),
      );
      expect(result.failed).toEqual([]);
      return envelopes;
    },
    queueDrained: (url: string) =>
      waitForQueueCounts(
        ready().fixture.sqs,
        url,
        (counts) => counts.visible + counts.inFlight + counts.delayed === 0,
        { description: 'an empty queue' },
      ),
  };
}
