import { ChangeMessageVisibilityCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { Envelope } from '@conveyor/contracts';
import { waitFor } from '@conveyor/dev-stack';
import { peekMessages } from '@conveyor/testing';
import { testEnvironment } from './test-context';
import { sqsClientFor } from './test-queues';

/** A client of the shared SQS emulator, for a test to look at or hold messages itself. */
export function testSqsClient(): SQSClient {
  return sqsClientFor(testEnvironment().CONVEYOR_TEST_SQS_ENDPOINT);
}

export interface HeldMessage {
  envelope: Envelope;
  /** Makes the message deliverable again at once. */
  release(): Promise<void>;
}

/**
 * Takes the first message matching `match` off a queue and keeps it invisible, as if its
 * delivery were delayed; any other message seen on the way is handed back at once.
 */
export async function holdMessage(
  sqs: SQSClient,
  queueUrl: string,
  match: (envelope: Envelope) => boolean,
  options: { timeoutMs?: number; holdSeconds?: number } = {},
): Promise<HeldMessage> {
  const held = await waitFor(
    async () => {
      let found: { message: Message; envelope: Envelope } | undefined;
      for (const message of await peekMessages(sqs, queueUrl, options.holdSeconds ?? 300)) {
        const envelope = JSON.parse(message.Body ?? '{}') as Envelope;
        if (!found && match(envelope)) found = { message, envelope };
        else await makeVisible(sqs, queueUrl, message);
      }
      return found;
    },
    {
      timeoutMs: options.timeoutMs ?? 30_000,
      intervalMs: 100,
      description: `a matching message on ${queueUrl}`,
    },
  );
  return { envelope: held.envelope, release: () => makeVisible(sqs, queueUrl, held.message) };
}

async function makeVisible(sqs: SQSClient, queueUrl: string, message: Message): Promise<void> {
  await sqs.send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: queueUrl,
      ReceiptHandle: message.ReceiptHandle,
      VisibilityTimeout: 0,
    }),
  );
}
