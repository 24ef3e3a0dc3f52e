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

/** A client on an SQS endpoint (the shared emulator), to look into a test's own queues. */
export function sqsClientFor(endpoint: string): SQSClient {
  return createSqsClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}
