import { randomUUID } from 'node:crypto';
import { peekMessages, waitForQueueCounts } from '@conveyor/testing';
import {
  capturingLogger,
  reservationEnvelope,
  startEmulatorFixture,
  stopEmulatorFixture,
  uniquePrefix,
  type EmulatorFixture,
} from '../messaging-spec.fixture';
import { SqsPublisher } from '../publishing/sqs-publisher';
import { POISON_REASON_ATTRIBUTE } from '../sqs/message-attributes';
import { provisionQueues } from '../topology/queue-provisioner';
import { resolveQueueTopology } from '../topology/queue-topology';
import { PoisonMessageError } from './consumer.errors';
import type { ConsumedMessage } from './consumer.types';
import { SqsConsumer } from './sqs-consumer';

jest.setTimeout(20_000);

describe('SqsConsumer on FIFO queues', () => {
  let fixture: EmulatorFixture;
  beforeAll(async () => {
    fixture = await startEmulatorFixture();
  });
  afterAll(() => stopEmulatorFixture(fixture));

  it('keeps the order within a group across a retry, and dead-letters poison to the FIFO DLQ', async () => {
    const { sqs } = fixture;
    const topology = resolveQueueTopology({ prefix: uniquePrefix(), mode: 'fifo' });
    const directory = await provisionQueues(sqs, topology);
    const orderA = randomUUID();
    const orderB = randomUUID();
    const envelopes = [
      ...[1, 2, 3, 4].map((quantity) => reservationEnvelope(orderA, { sku: 'A', quantity })),
      ...[1, 2].map((quantity) => reservationEnvelope(orderB, { sku: 'B', quantity })),
    ];
    await new SqsPublisher({ sqs, directory, mode: 'fifo' }).publish(
      envelopes.map((envelope) => ({ id: envelope.messageId, queue: 'inventory', envelope })),
    );
    const attempts: string[] = [];
    const handle = ({ envelope, receiveCount }: ConsumedMessage): Promise<void> => {
      if (envelope.type !== 'inventory.reservation-requested') throw new Error('unexpected type');
      const [{ sku, quantity }] = envelope.payload.items;
      attempts.push(`${sku}${quantity}`);
      if (sku === 'A' && quantity === 2 && receiveCount === 1) {
        return Promise.reject(new Error('try again'));
      }
      if (sku === 'B' && quantity === 2) {
        return Promise.reject(new PoisonMessageError('B2 cannot be reserved'));
      }
      return Promise.resolve();
    };
    const consumer = new SqsConsumer({
      sqs,
      queue: 'inventory',
      queueUrl: directory.inventory.workUrl,
      dlqUrl: directory.inventory.dlqUrl,
      mode: 'fifo',
      concurrency: 10,
      visibilityTimeoutSeconds: 10,
      maxReceiveCount: 5,
      waitTimeSeconds: 1,
      backoff: { baseSeconds: 1, maxSeconds: 1 },
      dispatch: handle,
      logger: capturingLogger(),
    });

    consumer.start();
    await waitForQueueCounts(
      sqs,
      directory.inventory.workUrl,
      (counts) => counts.visible + counts.inFlight === 0,
      { description: 'the work queue drained' },
    );
    await consumer.stop();

    expect(attempts.filter((attempt) => attempt.startsWith('A'))).toEqual([
      'A1',
      'A2',
      'A2',
      'A3',
      'A4',
    ]);
    expect(attempts.filter((attempt) => attempt.startsWith('B'))).toEqual(['B1', 'B2']);
    const [deadLetter] = await peekMessages(sqs, directory.inventory.dlqUrl);
    expect(deadLetter?.Attributes?.MessageGroupId).toBe(orderB);
    expect(deadLetter?.MessageAttributes?.[POISON_REASON_ATTRIBUTE]?.StringValue).toBe(
      'B2 cannot be reserved',
    );
  });
});
