import { randomUUID } from 'node:crypto';
import type { Envelope } from '@conveyor/contracts';
import { peekMessages } from '@conveyor/testing';
import {
  makeEnvelope,
  reservationEnvelope,
  restockEnvelope,
  recordCommands,
  startEmulatorFixture,
  stopEmulatorFixture,
  uniquePrefix,
  type EmulatorFixture,
} from '../messaging-spec.fixture';
import { provisionQueues } from '../topology/queue-provisioner';
import { resolveQueueTopology } from '../topology/queue-topology';
import { SqsPublisher, type OutgoingMessage } from './sqs-publisher';

describe('SqsPublisher', () => {
  let fixture: EmulatorFixture;
  beforeAll(async () => {
    fixture = await startEmulatorFixture();
  });
  afterAll(() => stopEmulatorFixture(fixture));

  async function publisherFor(mode: 'standard' | 'fifo') {
    const topology = resolveQueueTopology({ prefix: uniquePrefix(), mode });
    const directory = await provisionQueues(fixture.sqs, topology);
    return { directory, publisher: new SqsPublisher({ sqs: fixture.sqs, directory, mode }) };
  }

  it('sends every message to its queue with the envelope as body and type/correlation attributes', async () => {
    const { directory, publisher } = await publisherFor('standard');
    const inventory = Array.from({ length: 23 }, (_, i) => ({
      id: `outbox-${i}`,
      queue: 'inventory' as const,
      envelope: restockEnvelope(),
    }));
    const payment: OutgoingMessage = {
      id: 'outbox-payment',
      queue: 'payments',
      envelope: makeEnvelope('payment.void-requested', { reason: 'CANCELLED' }),
    };

    const commands = recordCommands(fixture.sqs);

    const result = await publisher.publish([...inventory, payment]);

    // 23 inventory messages in batches of at most 10, and one for payments.
    expect(commands.filter((name) => name === 'SendMessageBatchCommand')).toHaveLength(4);
    expect(result.failed).toEqual([]);
    expect(result.sent.sort()).toEqual([...inventory, payment].map((m) => m.id).sort());
    const received = await peekMessages(fixture.sqs, directory.inventory.workUrl);
    expect(received.map((m) => JSON.parse(m.Body ?? '') as Envelope).sort(byMessageId)).toEqual(
      inventory.map((m) => m.envelope).sort(byMessageId),
    );
    const [paymentMessage] = await peekMessages(fixture.sqs, directory.payments.workUrl);
    expect(paymentMessage?.MessageAttributes).toEqual({
      type: { DataType: 'String', StringValue: 'payment.void-requested' },
      correlationId: { DataType: 'String', StringValue: payment.envelope.correlationId },
    });
  });

  it('reports entries it cannot send by id and sends the rest', async () => {
    const { publisher } = await publisherFor('standard');
    const result = await publisher.publish([
      { id: 'good', queue: 'inventory', envelope: restockEnvelope() },
      {
        id: 'huge',
        queue: 'inventory',
        envelope: restockEnvelope({ correlationId: 'x'.repeat(300_000) }),
      },
    ]);

    expect(result.sent).toEqual(['good']);
    expect(result.failed).toEqual([
      { id: 'huge', code: 'MessageTooLong', message: expect.any(String) },
    ]);
  });

  it('sends text SQS would refuse raw (U+FFFF, astral characters) escaped, and it reads back exactly', async () => {
    const { directory, publisher } = await publisherFor('standard');
    const envelope = restockEnvelope({
      correlationId: 'request-1',
      payload: { note: 'edge \uffff 🚚' },
    });
    const result = await publisher.publish([{ id: 'text', queue: 'inventory', envelope }]);
    expect(result).toEqual({ sent: ['text'], failed: [] });
    const [message] = await peekMessages(fixture.sqs, directory.inventory.workUrl);
    expect(JSON.parse(message.Body ?? '')).toEqual(envelope);
  });

  it('groups FIFO messages by order and deduplicates by message id', async () => {
    const { directory, publisher } = await publisherFor('fifo');
    const forOrder = reservationEnvelope(randomUUID(), { sku: 'SKU-1', quantity: 1 });
    const withoutOrder = restockEnvelope();
    const messages: OutgoingMessage[] = [
      { id: 'a', queue: 'inventory', envelope: forOrder },
      { id: 'b', queue: 'inventory', envelope: withoutOrder },
    ];

    await publisher.publish(messages);
    const again = await publisher.publish(messages);

    expect(again.sent).toEqual(['a', 'b']);
    const received = await peekMessages(fixture.sqs, directory.inventory.workUrl);
    expect(received.map((m) => m.Attributes)).toEqual([
      expect.objectContaining({
        MessageGroupId: forOrder.orderId,
        MessageDeduplicationId: forOrder.messageId,
      }),
      expect.objectContaining({
        MessageGroupId: withoutOrder.messageId,
        MessageDeduplicationId: withoutOrder.messageId,
      }),
    ]);
  });
});

function byMessageId(a: { messageId: string }, b: { messageId: string }): number {
  return a.messageId.localeCompare(b.messageId);
}
