import { loadConfig, queueProvisioningEnvSchema, sqsConnection } from '@conveyor/config';
import { createSqsClient, provisionQueues, resolveQueueTopology } from '@conveyor/messaging';

/** `npm run queues:provision`: creates or updates every queue of the topology, idempotently. */
async function main(): Promise<void> {
  const env = loadConfig(queueProvisioningEnvSchema);
  const sqs = createSqsClient(sqsConnection(env));
  const topology = resolveQueueTopology({
    prefix: env.SQS_QUEUE_PREFIX,
    mode: env.QUEUE_MODE,
    maxReceiveCount: env.SQS_MAX_RECEIVE_COUNT,
  });
  const directory = await provisionQueues(sqs, topology);
  for (const [queue, addresses] of Object.entries(directory)) {
    console.log(`${queue}: ${addresses.workUrl} (DLQ ${addresses.dlqUrl})`);
  }
  sqs.destroy();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
