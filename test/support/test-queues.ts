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
  const sqs = createSqsClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  try {
    return await provisionQueues(sqs, resolveQueueTopology({ prefix, mode, maxReceiveCount }));
  } finally {
    sqs.destroy();
  }
}
