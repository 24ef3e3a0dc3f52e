import { type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import {
  FIRST_FAILED_AT_ATTRIBUTE,
  POISON_REASON_ATTRIBUTE,
  REDRIVE_TASK_ATTRIBUTE,
} from '../sqs/message-attributes';
import { releaseMessages } from '../sqs/message-batches';
import { maskPersonalData } from './personal-data.mask';

export interface DeadLetterView {
  /** The SQS message id in the DLQ (what delete takes). */
  id: string;
  type: string | null;
  orderId: string | null;
  poisonReason: string;
  /** Receives in the DLQ plus the one that dead-lettered it is unknown to SQS; this counts DLQ receives. */
  receiveCount: number;
  firstFailureAt: string | null;
  lastFailureAt: string | null;
  /** Set when an earlier redrive moved it and it failed again. */
  redriveTaskId: string | null;
  body: unknown;
}

/** Reason shown for a message SQS dead-lettered itself (the consumer gave up, not a poison label). */
export const MAX_RECEIVE_REASON = 'exceeded maxReceiveCount';
/** Long enough to receive every page; released at once afterwards. */
const PEEK_VISIBILITY_SECONDS = 30;

/**
 * Reads up to `limit` messages of a DLQ without consuming them: receives them briefly invisible,
 * then makes them visible again. A consumer never reads a DLQ, so nothing else is disturbed.
 */
export async function peekDeadLetters(
  sqs: SQSClient,
  dlqUrl: string,
  limit = 100,
): Promise<DeadLetterView[]> {
  const received = await receiveAll(sqs, dlqUrl, limit, PEEK_VISIBILITY_SECONDS);
  await releaseMessages(sqs, dlqUrl, received);
  return received.map(viewOf);
}

/** Receives up to `limit` messages, page by page, leaving them invisible for `visibility` seconds. */
export async function receiveAll(
  sqs: SQSClient,
  queueUrl: string,
  limit: number,
  visibility: number,
): Promise<Message[]> {
  const messages = new Map<string, Message>();
  while (messages.size < limit) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: Math.min(10, limit - messages.size),
        WaitTimeSeconds: 0,
        VisibilityTimeout: visibility,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) break;
    for (const message of Messages) messages.set(message.MessageId ?? '', message);
  }
  return [...messages.values()];
}

function viewOf(message: Message): DeadLetterView {
  const attributes = message.MessageAttributes ?? {};
  const body = message.Body ?? '';
  const envelope = envelopeFields(body);
  const sentAt = timestamp(message.Attributes?.SentTimestamp);
  return {
    id: message.MessageId ?? '',
    type: attributes.type?.StringValue ?? envelope.type,
    orderId: envelope.orderId,
    poisonReason: attributes[POISON_REASON_ATTRIBUTE]?.StringValue ?? MAX_RECEIVE_REASON,
    receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
    firstFailureAt: attributes[FIRST_FAILED_AT_ATTRIBUTE]?.StringValue ?? sentAt,
    lastFailureAt: sentAt,
    redriveTaskId: attributes[REDRIVE_TASK_ATTRIBUTE]?.StringValue ?? null,
    body: maskPersonalData(body),
  };
}

function envelopeFields(body: string): { type: string | null; orderId: string | null } {
  try {
    const parsed = JSON.parse(body) as { type?: unknown; orderId?: unknown };
    return {
      type: typeof parsed.type === 'string' ? parsed.type : null,
      orderId: typeof parsed.orderId === 'string' ? parsed.orderId : null,
    };
  } catch {
    return { type: null, orderId: null };
  }
}

function timestamp(epochMs: string | undefined): string | null {
  return epochMs === undefined ? null : new Date(Number(epochMs)).toISOString();
}
