import {
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
} from '@aws-sdk/client-sqs';
import { peekMessages, readQueueCounts } from '@conveyor/testing';
import {
  restockEnvelope,
  startEmulatorFixture,
  stopEmulatorFixture,
  uniquePrefix,
  type EmulatorFixture,
} from '../messaging-spec.fixture';
import { PoisonForwarder } from '../consuming/poison-forwarder';
import {
  POISON_REASON_ATTRIBUTE,
  REDRIVE_TASK_ATTRIBUTE,
  SOURCE_QUEUE_ATTRIBUTE,
  stringAttribute,
} from '../sqs/message-attributes';
import type { QueueDirectory } from '../topology/queue-directory';
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
  async function withDeadLetters(mode: QueueMode, count: number, redriveTaskId?: string) {
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
        ...(redriveTaskId ? { [REDRIVE_TASK_ATTRIBUTE]: stringAttribute(redriveTaskId) } : {}),
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

    expect(result).toEqual({ method: 'copy-loop', moved: 7, returned: 0 });
    expect(await readQueueCounts(fixture.sqs, directory.inventory.dlqUrl)).toMatchObject({
      visible: 0,
      inFlight: 0,
    });
    const redriven = await peekMessages(fixture.sqs, directory.inventory.workUrl);
    expect(redriven.map((message) => message.Body).sort()).toEqual([...bodies].sort());
    for (const message of redriven) {
      expect(message.MessageAttributes).toEqual({
        type: { DataType: 'String', StringValue: 'inventory.restock-requested' },
        'conveyor-redrive-task': { DataType: 'String', StringValue: expect.any(String) },
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

    expect(result).toEqual({ method: 'copy-loop', moved: 2, returned: 0 });
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

    expect(result).toEqual({ method: 'copy-loop', moved: 4, returned: 0 });
    expect(await readQueueCounts(fixture.sqs, directory.inventory.workUrl)).toMatchObject({
      visible: 4,
    });
    const heads = await peekMessages(fixture.sqs, directory.inventory.workUrl);
    expect(heads.map((message) => message.Attributes?.MessageGroupId).sort()).toEqual([
      'order-0',
      'order-1',
    ]);
  });

  it('leaves in place what its own task moved before, and ends', async () => {
    const { directory } = await withDeadLetters('standard', 3, 'task-1');

    const result = await redriveDeadLetters({
      sqs: fixture.sqs,
      directory,
      queue: 'inventory',
      maxPerSecond: 100,
      taskId: 'task-1',
    });

    expect(result).toEqual({ method: 'copy-loop', moved: 0, returned: 3 });
    expect(await readQueueCounts(fixture.sqs, directory.inventory.dlqUrl)).toMatchObject({
      visible: 3,
      inFlight: 0,
    });
  });

  it('ends when every message it moves is poison again, leaving them dead-lettered once each', async () => {
    const { directory } = await withDeadLetters('standard', 4);
    const consumer = rejectEverything(directory);

    const result = await redriveDeadLetters({
      sqs: fixture.sqs,
      directory,
      queue: 'inventory',
      maxPerSecond: 2,
    });
    consumer.stop();
    await consumer.done;

    expect(result).toMatchObject({ method: 'copy-loop', moved: 4 });
    expect(result.returned).toBeLessThanOrEqual(4);
    const dead = await peekMessages(fixture.sqs, directory.inventory.dlqUrl, 1);
    expect(dead).toHaveLength(4);
    for (const message of dead) {
      expect(message.MessageAttributes?.[REDRIVE_TASK_ATTRIBUTE]?.StringValue).toEqual(
        expect.any(String),
      );
    }
  });

  /** A consumer of the work queue that dead-letters every message, as the workers do with poison. */
  function rejectEverything(directory: QueueDirectory) {
    const forwarder = new PoisonForwarder({
      sqs: fixture.sqs,
      queue: 'inventory',
      dlqUrl: directory.inventory.dlqUrl,
      mode: 'standard',
    });
    let running = true;
    const done = (async () => {
      while (running) {
        const { Messages = [] } = await fixture.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: directory.inventory.workUrl,
            WaitTimeSeconds: 1,
            MessageAttributeNames: ['All'],
          }),
        );
        for (const message of Messages) {
          await forwarder.forward(message, 'still poison');
          await fixture.sqs.send(
            new DeleteMessageCommand({
              QueueUrl: directory.inventory.workUrl,
              ReceiptHandle: message.ReceiptHandle,
            }),
          );
        }
      }
    })();
    return { stop: () => (running = false), done };
  }
});
