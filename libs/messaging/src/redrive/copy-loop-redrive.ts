import { setTimeout as sleep } from 'node:timers/promises';
import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { attributesForResend, withoutDeadLetterAttributes } from '../sqs/message-attributes';

export interface CopyLoopOptions {
  sqs: SQSClient;
  dlqUrl: string;
  workUrl: string;
  maxPerSecond: number;
  maxMessages: number;
}

/** Long enough to send and delete a batch before the DLQ would hand the messages out again. */
const IN_TRANSIT_VISIBILITY_SECONDS = 60;

/**
 * Moves messages by hand (receive from the DLQ, send to the work queue, delete from the DLQ),
 * paced to maxPerSecond. A crash between send and delete duplicates a message, never loses one.
 */
export async function runCopyLoop(options: CopyLoopOptions): Promise<number> {
  const started = performance.now();
  let moved = 0;
  while (moved < options.maxMessages) {
    const perRequest = Math.max(1, Math.floor(options.maxPerSecond));
    const batchSize = Math.min(10, perRequest, options.maxMessages - moved);
    const messages = await receiveBatch(options, batchSize);
    if (messages.length === 0) break;
    moved += await moveBatch(options, messages);
    const aheadMs = (moved / options.maxPerSecond) * 1000 - (performance.now() - started);
    if (aheadMs > 0) await sleep(aheadMs);
  }
  return moved;
}

async function receiveBatch(options: CopyLoopOptions, maxMessages: number): Promise<Message[]> {
  const { Messages = [] } = await options.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: options.dlqUrl,
      MaxNumberOfMessages: maxMessages,
      // A short long poll asks every SQS host, so an empty answer means the DLQ is drained.
      WaitTimeSeconds: 1,
      VisibilityTimeout: IN_TRANSIT_VISIBILITY_SECONDS,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['MessageGroupId'],
    }),
  );
  return Messages;
}

async function moveBatch(options: CopyLoopOptions, messages: Message[]): Promise<number> {
  const fifo = options.workUrl.endsWith('.fifo');
  const entries = messages.map((message, index): SendMessageBatchRequestEntry => {
    const entry: SendMessageBatchRequestEntry = {
      Id: String(index),
      MessageBody: message.Body,
      MessageAttributes: withoutDeadLetterAttributes(
        attributesForResend(message.MessageAttributes),
      ),
    };
    if (fifo) {
      entry.MessageGroupId = message.Attributes?.MessageGroupId ?? message.MessageId;
      // Each trip through the DLQ gets a new message id, so this only absorbs a repeated send.
      entry.MessageDeduplicationId = `redrive-${message.MessageId}`;
    }
    return entry;
  });
  const sent = await options.sqs.send(
    new SendMessageBatchCommand({ QueueUrl: options.workUrl, Entries: entries }),
  );
  const sentIds = new Set((sent.Successful ?? []).map((entry) => entry.Id));
  const toDelete = messages.filter((_, index) => sentIds.has(String(index)));
  if (toDelete.length > 0) await deleteFromDlq(options, toDelete);
  const failed = sent.Failed ?? [];
  if (failed.length > 0) {
    const reasons = failed.map((entry) => `${entry.Code}: ${entry.Message ?? ''}`).join('; ');
    throw new Error(`redrive stopped: ${failed.length} messages could not be sent (${reasons})`);
  }
  return toDelete.length;
}

async function deleteFromDlq(options: CopyLoopOptions, messages: Message[]): Promise<void> {
  const response = await options.sqs.send(
    new DeleteMessageBatchCommand({
      QueueUrl: options.dlqUrl,
      Entries: messages.map((message, index) => ({
        Id: String(index),
        ReceiptHandle: message.ReceiptHandle,
      })),
    }),
  );
  if ((response.Failed ?? []).length > 0) {
    const reasons = (response.Failed ?? []).map((entry) => entry.Code).join(', ');
    throw new Error(
      `redrive stopped: sent messages could not be deleted from the DLQ (${reasons})`,
    );
  }
}
