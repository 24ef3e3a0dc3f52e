import { parseArgs } from 'node:util';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { QUEUE_NAMES, type QueueName } from '@conveyor/contracts';
import { loadConfig, queueProvisioningEnvSchema, sqsConnection } from '@conveyor/config';
import {
  createSqsClient,
  readQueueDepth,
  redriveDeadLetters,
  resolveQueueDirectory,
  resolveQueueTopology,
  type QueueDirectory,
} from '@conveyor/messaging';

const USAGE = `usage:
  npm run dlq -- stats                                  depth of every work queue and its DLQ
  npm run dlq -- redrive <queue> [--rate 10] [--max N]  move a DLQ's messages back to its queue
queues: ${QUEUE_NAMES.join(', ')}`;

/** `npm run dlq`: look into dead-letter queues and move their messages back once fixed. */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { rate: { type: 'string', default: '10' }, max: { type: 'string' } },
  });
  const [command, queue] = positionals;
  const env = loadConfig(queueProvisioningEnvSchema);
  const sqs = createSqsClient(sqsConnection(env));
  try {
    const topology = resolveQueueTopology({ prefix: env.SQS_QUEUE_PREFIX, mode: env.QUEUE_MODE });
    const directory = await resolveQueueDirectory(sqs, topology);
    if (command === 'stats') return await printStats(sqs, directory);
    if (command !== 'redrive' || !isQueueName(queue)) throw new Error(USAGE);
    const result = await redriveDeadLetters({
      sqs,
      directory,
      queue,
      maxPerSecond: Number(values.rate),
      maxMessages: values.max ? Number(values.max) : undefined,
    });
    console.log(`${queue}: moved ${result.moved} message(s) back from its DLQ (${result.method})`);
  } finally {
    sqs.destroy();
  }
}

async function printStats(sqs: SQSClient, directory: QueueDirectory): Promise<void> {
  for (const queue of QUEUE_NAMES) {
    const [work, dlq] = await Promise.all([
      readQueueDepth(sqs, directory[queue].workUrl),
      readQueueDepth(sqs, directory[queue].dlqUrl),
    ]);
    console.log(
      `${queue.padEnd(14)} visible ${work.visible}, in flight ${work.inFlight}; DLQ ${dlq.visible}`,
    );
  }
}

function isQueueName(value: string | undefined): value is QueueName {
  return (QUEUE_NAMES as readonly string[]).includes(value ?? '');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
