import { type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { readQueueDepth, type QueueDepth } from '@conveyor/messaging';
import { waitFor, type WaitForOptions } from '@conveyor/dev-stack';

export type QueueCounts = QueueDepth;

export function readQueueCounts(sqs: SQSClient, queueUrl: string): Promise<QueueCounts> {
  return readQueueDepth(sqs, queueUrl);
}

/** Polls a queue's counts until `accept` holds; returns the accepted counts. */
export function waitForQueueCounts(
  sqs: SQSClient,
  queueUrl: string,
  accept: (counts: QueueCounts) => boolean,
  options: WaitForOptions = {},
): Promise<QueueCounts> {
  return waitFor(async () => {
    const counts = await readQueueCounts(sqs, queueUrl);
    return accept(counts) && counts;
  }, options);
}

/**
 * Receives every visible message (with all attributes) and leaves them in flight for
 * `visibilityTimeoutSeconds`, so a test can inspect a queue's content without consuming it.
 */
export async function peekMessages(
  sqs: SQSClient,
  queueUrl: string,
  visibilityTimeoutSeconds = 30,
): Promise<Message[]> {
  const messages: Message[] = [];
  const seen = new Set<string | undefined>();
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        // Explicit, or a queue's own long-poll default would make every empty answer wait 20 s.
        WaitTimeSeconds: 0,
        VisibilityTimeout: visibilityTimeoutSeconds,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    );
    // A message seen again came back after its short visibility (a slow loop): the peek went round.
    const fresh = Messages.filter((message) => !seen.has(message.MessageId));
    if (fresh.length === 0) return messages;
    for (const message of fresh) seen.add(message.MessageId);
    messages.push(...fresh);
  }
}
