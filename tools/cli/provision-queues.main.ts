import { parseArgs } from 'node:util';
import { loadConfig, queueProvisioningEnvSchema, sqsConnection } from '@conveyor/config';
import { createSqsClient, provisionQueues, resolveQueueTopology } from '@conveyor/messaging';
import { runCommand } from './command-line';

const USAGE = `usage: npm run queues:provision
  creates or updates every queue of the topology and its dead-letter queue, idempotently
  (SQS_ENDPOINT, AWS_REGION, SQS_QUEUE_PREFIX, QUEUE_MODE, SQS_MAX_RECEIVE_COUNT)`;

async function main(args: string[]): Promise<void> {
  parseArgs({ args, options: {} });
  const env = loadConfig(queueProvisioningEnvSchema);
  const sqs = createSqsClient(sqsConnection(env));
  try {
    const topology = resolveQueueTopology({
      prefix: env.SQS_QUEUE_PREFIX,
      mode: env.QUEUE_MODE,
      maxReceiveCount: env.SQS_MAX_RECEIVE_COUNT,
      visibilityTimeoutSeconds: env.SQS_VISIBILITY_TIMEOUT_SECONDS,
    });
    const directory = await provisionQueues(sqs, topology);
    for (const [queue, addresses] of Object.entries(directory)) {
      console.log(`${queue}: ${addresses.workUrl} (DLQ ${addresses.dlqUrl})`);
    }
  } finally {
    sqs.destroy();
  }
}

runCommand(USAGE, main);
