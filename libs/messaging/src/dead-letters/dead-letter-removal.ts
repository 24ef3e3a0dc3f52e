import { PurgeQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { deleteBatch, releaseMessages } from '../sqs/message-batches';
import { receiveAll } from './dead-letter-peek';

/** How many DLQ messages a delete looks through for the one asked for. */
const SEARCH_LIMIT = 1000;

/**
 * Deletes one DLQ message by its SQS message id; the others it had to look through are released
 * at once. Returns false when no such message is in the DLQ.
 */
export async function deleteDeadLetter(
  sqs: SQSClient,
  dlqUrl: string,
  messageId: string,
): Promise<boolean> {
  const received = await receiveAll(sqs, dlqUrl, SEARCH_LIMIT, 30);
  const target = received.filter((message) => message.MessageId === messageId);
  try {
    if (target.length > 0) await deleteBatch(sqs, dlqUrl, target);
  } finally {
    await releaseMessages(
      sqs,
      dlqUrl,
      received.filter((message) => message.MessageId !== messageId),
    );
  }
  return target.length > 0;
}

/** Drops every message of a DLQ (SQS allows one purge per queue per minute). */
export async function purgeDeadLetters(sqs: SQSClient, dlqUrl: string): Promise<void> {
  await sqs.send(new PurgeQueueCommand({ QueueUrl: dlqUrl }));
}
