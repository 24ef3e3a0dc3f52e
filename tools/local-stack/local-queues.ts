import { sqsConnection } from '@conveyor/config';
import { createSqsClient, provisionQueues, resolveQueueTopology } from '@conveyor/messaging';

/** Creates or updates the queues the local stack uses, as `npm run queues:provision` does. */
export async function provisionLocalQueues(options: {
  endpoint?: string;
  region: string;
  prefix: string;
  mode: 'standard' | 'fifo';
}): Promise<void> {
  const sqs = createSqsClient(
    sqsConnection({ AWS_REGION: options.region, SQS_ENDPOINT: options.endpoint }),
  );
  try {
    await provisionQueues(
      sqs,
      resolveQueueTopology({ prefix: options.prefix, mode: options.mode }),
    );
  } finally {
    sqs.destroy();
  }
}
