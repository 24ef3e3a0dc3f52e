import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import {
  attributesForResend,
  REDRIVE_TASK_ATTRIBUTE,
  stringAttribute,
  withoutDeadLetterAttributes,
} from '../sqs/message-attributes';
import { deleteBatch, releaseMessages } from '../sqs/message-batches';

export interface CopyLoopOptions {
  sqs: SQSClient;
  dlqUrl: string;
  workUrl: string;
  maxPerSecond: number;
  maxMessages: number;
  /** Marks every moved message, so one that fails again and returns is recognised. */
  taskId: string;
  onProgress?: (counts: CopyLoopCounts) => void;
}

export interface CopyLoopCounts {
  moved: number;
  /** Moved by this redrive, failed again and came back: left in the DLQ. */
  returned: number;
}

/** Long enough to send and delete a batch before the DLQ would hand the messages out again. */
const IN_TRANSIT_VISIBILITY_SECONDS = 60;

/**
 * Moves messages by hand (receive from the DLQ, send to the work queue, delete from the DLQ),
 * paced to maxPerSecond, each at most once: what this redrive moved and finds again is held
 * aside and made visible again at the end, so a poison message stays dead-lettered and the loop
 * ends. A crash between send and delete duplicates a message, never loses one.
 */
export async function runCopyLoop(options: CopyLoopOptions): Promise<CopyLoopCounts> {
  const started = performance.now();
  const counts: CopyLoopCounts = { moved: 0, returned: 0 };
  const heldAside = new Map<string, Message>();
  try {
    while (counts.moved < options.maxMessages) {
      const perRequest = Math.max(1, Math.floor(options.maxPerSecond));
      const batchSize = Math.min(10, perRequest, options.maxMessages - counts.moved);
      const messages = await receiveBatch(options, batchSize);
      if (messages.length === 0) break;
      const returned = messages.filter((message) => isFromTask(message, options.taskId));
      for (const message of returned) heldAside.set(message.MessageId ?? '', message);
      counts.returned = heldAside.size;
      const fresh = messages.filter((message) => !isFromTask(message, options.taskId));
      if (fresh.length > 0) counts.moved += await moveBatch(options, fresh);
      options.onProgress?.({ ...counts });
      const aheadMs = (counts.moved / options.maxPerSecond) * 1000 - (performance.now() - started);
      if (aheadMs > 0) await sleep(aheadMs);
    }
  } finally {
    await releaseMessages(options.sqs, options.dlqUrl, [...heldAside.values()]);
  }
  return counts;
}

function isFromTask(message: Message, taskId: string): boolean {
  return message.MessageAttributes?.[REDRIVE_TASK_ATTRIBUTE]?.StringValue === taskId;
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
      MessageAttributes: {
        ...withoutDeadLetterAttributes(attributesForResend(message.MessageAttributes)),
        [REDRIVE_TASK_ATTRIBUTE]: stringAttribute(options.taskId),
      },
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
  if (toDelete.length > 0) await deleteBatch(options.sqs, options.dlqUrl, toDelete);
  const failed = sent.Failed ?? [];
  if (failed.length > 0) {
    const reasons = failed.map((entry) => `${entry.Code}: ${entry.Message ?? ''}`).join('; ');
    throw new Error(`redrive stopped: ${failed.length} messages could not be sent (${reasons})`);
  }
  return toDelete.length;
}
