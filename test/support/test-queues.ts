import { randomUUID } from 'node:crypto';
import type { SQSClient } from '@aws-sdk/client-sqs';
import {
  createSqsClient,
  provisionQueues,
  resolveQueueTopology,
  type QueueDirectory,
} from '@conveyor/messaging';

/** Provisions a test's own queues on the shared emulator, exactly as production provisioning does. */
export async function provisionTestQueues(
  endpoint: string,
  prefix: string,
  mode: 'standard' | 'fifo',
  maxReceiveCount?: number,
): Promise<QueueDirectory> {
  const sqs = sqsClientFor(endpoint);
  try {
    return await provisionQueues(sqs, resolveQueueTopology({ prefix, mode, maxReceiveCount }));
  } finally {
    sqs.destroy();
  }
}

/**
 * What a test's own send to `queueUrl` needs besides the body: nothing on a standard queue; on a
 * FIFO queue (`npm run test:fifo`) a message group, and a fresh deduplication id, because tests
 * send the same body more than once on purpose.
 */
export function fifoFieldsFor(queueUrl: string, group: string) {
  if (!queueUrl.endsWith('.fifo')) return {};
  return { MessageGroupId: group, MessageDeduplicationId: randomUUID() };
}

/** A client on an SQS endpoint (the shared emulator), to look into a test's own queues. */
export function sqsClientFor(endpoint: string): SQSClient {
  return createSqsClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}
