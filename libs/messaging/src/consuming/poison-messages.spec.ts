import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { peekMessages, readQueueCounts, waitForQueueCounts } from '@conveyor/testing';
import {
  capturingLogger,
  makeEnvelope,
  restockEnvelope,
  startEmulatorFixture,
  stopEmulatorFixture,
  uniquePrefix,
  type EmulatorFixture,
} from '../messaging-spec.fixture';
import { POISON_REASON_ATTRIBUTE, SOURCE_QUEUE_ATTRIBUTE } from '../sqs/message-attributes';
import { provisionQueues } from '../topology/queue-provisioner';
import { resolveQueueTopology } from '../topology/queue-topology';
import { PoisonMessageError } from './consumer.errors';
import { SqsConsumer } from './sqs-consumer';

jest.setTimeout(20_000);

const rejectedByHandler = restockEnvelope({ correlationId: 'handler-says-poison' });
const POISON_BODIES: Record<string, { body: string; reason: RegExp }> = {
  notJson: { body: '{"messageId": ', reason: /not JSON/ },
  unknownType: {
    body: JSON.stringify(restockEnvelope({ type: 'inventory.teleport-requested' })),
    reason: /unknown message type/,
  },
  otherVersion: { body: JSON.stringify(restockEnvelope({ version: 9 })), reason: /version 9/ },
  offSchema: {
    body: JSON.stringify(restockEnvelope({ payload: { sku: 'lower-case', quantity: 1 } })),
    reason: /invalid payload: sku/,
  },
  otherQueue: {
    body: JSON.stringify(makeEnvelope('payment.void-requested', { reason: 'CANCELLED' })),
    reason: /belongs on payments/,
  },
  handlerRejects: { body: JSON.stringify(rejectedByHandler), reason: /SKU-1 was discontinued/ },
};

describe('SqsConsumer with poison messages', () => {
  let fixture: EmulatorFixture;
  beforeAll(async () => {
    fixture = await startEmulatorFixture();
  });
  afterAll(() => stopEmulatorFixture(fixture));

  it('moves each poison message to the DLQ after one receive, labelled with the reason', async () => {
    const { sqs } = fixture;
    const topology = resolveQueueTopology({ prefix: uniquePrefix(), mode: 'standard' });
    const { inventory } = await provisionQueues(sqs, topology);
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: inventory.workUrl,
        Entries: Object.entries(POISON_BODIES).map(([name, { body }]) => ({
          Id: name,
          MessageBody: body,
          MessageAttributes: { case: { DataType: 'String', StringValue: name } },
        })),
      }),
    );
    const handled: string[] = [];
    const logger = capturingLogger();
    const consumer = new SqsConsumer({
      sqs,
      queue: 'inventory',
      queueUrl: inventory.workUrl,
      dlqUrl: inventory.dlqUrl,
      mode: 'standard',
      concurrency: 10,
      visibilityTimeoutSeconds: 30,
      maxReceiveCount: 5,
      waitTimeSeconds: 1,
      dispatch: ({ envelope }) => {
        handled.push(envelope.correlationId);
        const sku = envelope.type === 'inventory.restock-requested' ? envelope.payload.sku : '?';
        return Promise.reject(new PoisonMessageError(`${sku} was discontinued`));
      },
      logger,
    });

    consumer.start();
    await waitForQueueCounts(sqs, inventory.dlqUrl, (counts) => counts.visible === 6, {
      description: 'six messages in the DLQ',
    });
    await consumer.stop();

    expect(handled).toEqual([rejectedByHandler.correlationId]);
    expect(await readQueueCounts(sqs, inventory.workUrl)).toMatchObject({
      visible: 0,
      inFlight: 0,
    });
    const deadLetters = await peekMessages(sqs, inventory.dlqUrl);
    for (const [name, { body, reason }] of Object.entries(POISON_BODIES)) {
      const deadLetter = deadLetters.find((m) => m.MessageAttributes?.case?.StringValue === name);
      expect(deadLetter?.Body).toBe(body);
      expect(deadLetter?.MessageAttributes?.[POISON_REASON_ATTRIBUTE]?.StringValue).toMatch(reason);
      expect(deadLetter?.MessageAttributes?.[SOURCE_QUEUE_ATTRIBUTE]?.StringValue).toBe(
        'inventory',
      );
    }
    const poisonLogs = logger.entries.filter(
      (e) => e.msg === 'poison message moved to the dead-letter queue',
    );
    expect(poisonLogs.map((entry) => entry.obj.receiveCount)).toEqual([1, 1, 1, 1, 1, 1]);
  });
});
