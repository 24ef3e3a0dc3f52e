import { randomUUID } from 'node:crypto';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { waitFor } from '@conveyor/dev-stack';
import { peekMessages, readQueueCounts } from '@conveyor/testing';
import { fifoFieldsFor } from './test-queues';

export { fifoFieldsFor, sqsClientFor } from './test-queues';

/** Makes received messages visible again at once, as if nobody had looked. */
export async function releaseMessages(
  sqs: SQSClient,
  queueUrl: string,
  messages: Message[],
): Promise<void> {
  await Promise.all(
    messages.map((message) =>
      sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queueUrl,
          ReceiptHandle: message.ReceiptHandle,
          VisibilityTimeout: 0,
        }),
      ),
    ),
  );
}

/** Every envelope waiting on a queue, parsed; the messages are left in place. */
export async function peekEnvelopes(
  sqs: SQSClient,
  queueUrl: string,
): Promise<Record<string, unknown>[]> {
  const messages = await peekMessages(sqs, queueUrl, 30);
  await releaseMessages(sqs, queueUrl, messages);
  return messages.flatMap((message) => {
    try {
      return [JSON.parse(message.Body ?? '') as Record<string, unknown>];
    } catch {
      return []; // not an envelope
    }
  });
}

export interface EnvelopeMatch {
  type: string;
  orderId: string;
}

/** How many envelopes of `match.type` for `match.orderId` wait on the queue (left in place). */
export async function countWaiting(
  sqs: SQSClient,
  queueUrl: string,
  match: EnvelopeMatch,
): Promise<number> {
  const envelopes = await peekEnvelopes(sqs, queueUrl);
  return envelopes.filter(
    (envelope) => envelope.type === match.type && envelope.orderId === match.orderId,
  ).length;
}

/**
 * Takes one message off a queue that no app consumes right now: receives until the envelope
 * matching `match` shows up, deletes it and returns its body as the producer sent it. Other
 * messages are made visible again.
 */
export function takeMessage(
  sqs: SQSClient,
  queueUrl: string,
  match: EnvelopeMatch,
  timeoutMs = 30_000,
) {
  return waitFor(
    async () => {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          VisibilityTimeout: 30,
        }),
      );
      const found = Messages.find((message) => matches(message.Body, match));
      await releaseMessages(
        sqs,
        queueUrl,
        Messages.filter((message) => message !== found),
      );
      if (!found) return undefined;
      await sqs.send(
        new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: found.ReceiptHandle }),
      );
      return found.Body!;
    },
    {
      timeoutMs,
      intervalMs: 100,
      description: `a ${match.type} for order ${match.orderId} on ${queueUrl}`,
    },
  );
}

/**
 * Sends the very same body `copies` times in one batch, so the copies arrive together. On FIFO
 * queues each copy gets a group of its own, so that two consumers can hold copies at once.
 */
export async function sendCopies(
  sqs: SQSClient,
  queueUrl: string,
  body: string,
  copies: number,
): Promise<void> {
  const { Failed = [] } = await sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: Array.from({ length: copies }, (_unused, index) => ({
        Id: String(index),
        MessageBody: body,
        ...fifoFieldsFor(queueUrl, `copy-${index}`),
      })),
    }),
  );
  if (Failed.length > 0) {
    throw new Error(`SQS refused ${Failed.length} copies: ${JSON.stringify(Failed)}`);
  }
}

/**
 * A consumer that stopped or died during a long poll leaves its ReceiveMessage registered at SQS
 * for up to 20 s, and SQS hands it the next message: nobody reads that answer, so the message
 * stays invisible for a whole visibility timeout (the same on AWS: aws/aws-sdk-js#2350). With no
 * live consumer on the queue, this sends throwaway bodies until one stays visible, i.e. no
 * abandoned poll is left, and deletes that one. A swallowed throwaway reappears after the
 * timeout and is dead-lettered as poison; it names no order.
 */
export async function absorbAbandonedPolls(sqs: SQSClient, queueUrl: string): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const { MessageId } = await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: 'test probe: absorbs an abandoned long poll',
        // A group per probe: a swallowed probe keeps its group locked until its timeout.
        ...fifoFieldsFor(queueUrl, `test-probe-${randomUUID()}`),
      }),
    );
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        VisibilityTimeout: 30,
      }),
    );
    const probe = Messages.find((message) => message.MessageId === MessageId);
    await releaseMessages(
      sqs,
      queueUrl,
      Messages.filter((message) => message !== probe),
    );
    if (probe) {
      await sqs.send(
        new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: probe.ReceiptHandle }),
      );
      return;
    }
  }
  throw new Error(`${queueUrl} keeps swallowing messages: is a consumer still running on it?`);
}

/** Waits until the queue holds nothing: every message was received, handled and deleted. */
export function waitForQueueDrained(sqs: SQSClient, queueUrl: string, timeoutMs = 90_000) {
  return waitFor(
    async () => {
      const counts = await readQueueCounts(sqs, queueUrl);
      return counts.visible + counts.inFlight + counts.delayed === 0;
    },
    { timeoutMs, intervalMs: 250, description: `${queueUrl} to drain` },
  );
}

function matches(body: string | undefined, match: EnvelopeMatch): boolean {
  try {
    const envelope = JSON.parse(body ?? '') as { type?: unknown; orderId?: unknown };
    return envelope.type === match.type && envelope.orderId === match.orderId;
  } catch {
    return false;
  }
}
