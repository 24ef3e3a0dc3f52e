import { SendMessageBatchCommand, type SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { peekMessages, readQueueCounts } from '@conveyor/testing';
import {
  restockEnvelope,
  startEmulatorFixture,
  stopEmulatorFixture,
  uniquePrefix,
  type EmulatorFixture,
} from '../messaging-spec.fixture';
import {
  POISON_REASON_ATTRIBUTE,
  SOURCE_QUEUE_ATTRIBUTE,
  stringAttribute,
} from '../sqs/message-attributes';
import { provisionQueues } from '../topology/queue-provisioner';
import { resolveQueueTopology, type QueueMode } from '../topology/queue-topology';
import { redriveDeadLetters } from './dead-letter-redrive';

describe('redriveDeadLetters', () => {
  let fixture: EmulatorFixture;
  beforeAll(async () => {
    fixture = await startEmulatorFixture();
  });
  afterAll(() => stopEmulatorFixture(fixture));

  /** Fills a DLQ the way the consumer does: original body and attributes plus the poison labels. */
  async function withDeadLetters(mode: QueueMode, count: number) {
    const topology = resolveQueueTopology({ prefix: uniquePrefix(), mode });
    const directory = await provisionQueues(fixture.sqs, topology);
    const bodies = Array.from({ length: count }, () => JSON.stringify(restockEnvelope()));
    const entries = bodies.map((body, index): SendMessageBatchRequestEntry => ({
      Id: String(index),
      MessageBody: body,
      MessageAttributes: {
        type: stringAttribute('inventory.restock-requested'),
        [POISON_REASON_ATTRIBUTE]: stringAttribute('stock table was locked'),
        [SOURCE_QUEUE_ATTRIBUTE]: stringAttribute('inventory'),
      },
      ...(mode === 'fifo'
        ? { MessageGroupId: `order-${index % 2}`, MessageDeduplicationId: `dead-${index}` }
        : {}),
    }));
    await fixture.sqs.send(
      new SendMessageBatchCommand({ QueueUrl: directory.inventory.dlqUrl, Entries: entries }),
    );
    return { directory, bodies };
  }

  it('copies dead letters back to the work queue without the poison labels when move tasks are unsupported', async () => {
    const { directory, bodies } = await withDeadLetters('standard', 7);

    const result = await redriveDeadLetters({
      sqs: fixture.sqs,
      directory,
      queue: 'inventory',
      maxPerSecond: 100,
    });

    expect(result).toEqual({ method: 'copy-loop', moved: 7 });
    expect(await readQueueCounts(fixture.sqs, directory.inventory.dlqUrl)).toMatchObject({
      visible: 0,
      inFlight: 0,
    });
    const redriven = await peekMessages(fixture.sqs, directory.inventory.workUrl);
    expect(redriven.map((message) => message.Body).sort()).toEqual([...bodies].sort());
    for (const message of redriven) {
      expect(message.MessageAttributes).toEqual({
        type: { DataType: 'String', StringValue: 'inventory.restock-requested' },
      });
    }
  });

  it('moves no more than maxMessages', async () => {
    const { directory } = await withDeadLetters('standard', 5);

    const result = await redriveDeadLetters({
      sqs: fixture.sqs,
      directory,
      queue: 'inventory',
      maxPerSecond: 2,
      maxMessages: 2,
    });

    expect(result).toEqual({ method: 'copy-loop', moved: 2 });
    expect(await readQueueCounts(fixture.sqs, directory.inventory.dlqUrl)).toMatchObject({
      visible: 3,
    });
    expect(await readQueueCounts(fixture.sqs, directory.inventory.workUrl)).toMatchObject({
      visible: 2,
    });
  });

  it('keeps the message groups of FIFO dead letters', async () => {
    const { directory } = await withDeadLetters('fifo', 4);

    const result = await redriveDeadLetters({
      sqs: fixture.sqs,
      directory,
      queue: 'inventory',
      maxPerSecond: 100,
    });

    expect(result).toEqual({ method: 'copy-loop', moved: 4 });
    expect(await readQueueCounts(fixture.sqs, directory.inventory.workUrl)).toMatchObject({
      visible: 4,
    });
    const heads = await peekMessages(fixture.sqs, directory.inventory.workUrl);
    expect(heads.map((message) => message.Attributes?.MessageGroupId).sort()).toEqual([
      'order-0',
      'order-1',
    ]);
  });
});
