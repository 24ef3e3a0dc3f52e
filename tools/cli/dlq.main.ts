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
import { runCommand, UsageError } from './command-line';

const USAGE = `usage:
  npm run dlq -- stats                                  depth of every work queue and its DLQ
  npm run dlq -- redrive <queue> [--rate 10] [--max N]  move a DLQ's messages back to its queue
queues: ${QUEUE_NAMES.join(', ')}`;

interface DlqCommand {
  /** The queue to redrive; none for stats. */
  queue?: QueueName;
  rate: number;
  max?: number;
}

/** `npm run dlq`: look into dead-letter queues and move their messages back once fixed. */
async function main(args: string[]): Promise<void> {
  const { queue, rate, max } = parseCommand(args);
  const env = loadConfig(queueProvisioningEnvSchema);
  const sqs = createSqsClient(sqsConnection(env));
  try {
    const topology = resolveQueueTopology({ prefix: env.SQS_QUEUE_PREFIX, mode: env.QUEUE_MODE });
    const directory = await resolveQueueDirectory(sqs, topology);
    if (!queue) return await printStats(sqs, directory);
    const result = await redriveDeadLetters({
      sqs,
      directory,
      queue,
      maxPerSecond: rate,
      maxMessages: max,
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

function parseCommand(args: string[]): DlqCommand {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { rate: { type: 'string', default: '10' }, max: { type: 'string' } },
  });
  const [command, queue, ...extra] = positionals;
  const rate = positiveNumber('--rate', values.rate);
  const max = values.max === undefined ? undefined : positiveNumber('--max', values.max);
  if (command === 'stats') {
    if (queue !== undefined) throw new UsageError(`stats takes no queue, got ${queue}`);
    return { rate };
  }
  if (command !== 'redrive') throw new UsageError(`unknown command ${command ?? '(none)'}`);
  if (extra.length > 0) throw new UsageError(`unexpected ${extra.join(' ')}`);
  if (!isQueueName(queue)) throw new UsageError(`unknown queue ${queue ?? '(none)'}`);
  return { queue, rate, max };
}

function positiveNumber(flag: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(`${flag} must be a positive number, got ${raw}`);
  }
  return value;
}

function isQueueName(value: string | undefined): value is QueueName {
  return (QUEUE_NAMES as readonly string[]).includes(value ?? '');
}

runCommand(USAGE, main);
