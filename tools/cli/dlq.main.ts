import { parseArgs } from 'node:util';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { QUEUE_NAMES, type QueueName } from '@conveyor/contracts';
import { loadConfig, queueProvisioningEnvSchema, sqsConnection } from '@conveyor/config';
import {
  createSqsClient,
  DEFAULT_REDRIVE_RATE,
  peekDeadLetters,
  purgeDeadLetters,
  readQueueDepth,
  redriveDeadLetters,
  redriveMaxProblem,
  redriveRateProblem,
  resolveQueueDirectory,
  resolveQueueTopology,
  type QueueDirectory,
} from '@conveyor/messaging';
import { runCommand, UsageError } from './command-line';

const USAGE = `usage:
  npm run dlq -- stats                                  depth of every work queue and its DLQ
  npm run dlq -- peek <queue>                           show a DLQ's messages without consuming them
  npm run dlq -- redrive <queue> [--max N] [--rate R]   move the DLQ's messages back to its queue once
  npm run dlq -- purge <queue> --yes                    drop every message of a DLQ
queues: ${QUEUE_NAMES.join(', ')}`;

type DlqCommand =
  | { command: 'stats' }
  | { command: 'peek'; queue: QueueName }
  | { command: 'purge'; queue: QueueName }
  | { command: 'redrive'; queue: QueueName; rate: number; max?: number };

/** `npm run dlq`: look into dead-letter queues, move their messages back once fixed, or drop them. */
async function main(args: string[]): Promise<void> {
  const command = parseCommand(args);
  const env = loadConfig(queueProvisioningEnvSchema);
  const sqs = createSqsClient(sqsConnection(env));
  try {
    const topology = resolveQueueTopology({ prefix: env.SQS_QUEUE_PREFIX, mode: env.QUEUE_MODE });
    const directory = await resolveQueueDirectory(sqs, topology);
    await run(sqs, directory, command);
  } finally {
    sqs.destroy();
  }
}

async function run(sqs: SQSClient, directory: QueueDirectory, command: DlqCommand) {
  if (command.command === 'stats') return printStats(sqs, directory);
  const { dlqUrl } = directory[command.queue];
  if (command.command === 'peek') {
    const letters = await peekDeadLetters(sqs, dlqUrl);
    console.log(JSON.stringify(letters, null, 2));
    return;
  }
  if (command.command === 'purge') {
    await purgeDeadLetters(sqs, dlqUrl);
    console.log(`${command.queue}: purged its DLQ`);
    return;
  }
  const result = await redriveDeadLetters({
    sqs,
    directory,
    queue: command.queue,
    maxPerSecond: command.rate,
    maxMessages: command.max,
  });
  console.log(
    `${command.queue}: moved ${result.moved} message(s) back from its DLQ (${result.method}); ` +
      `${result.returned} failed again and stay in the DLQ`,
  );
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
    options: {
      rate: { type: 'string' },
      max: { type: 'string' },
      yes: { type: 'boolean', default: false },
    },
  });
  const [command, queue, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected ${extra.join(' ')}`);
  if (command !== 'redrive' && (values.rate !== undefined || values.max !== undefined)) {
    throw new UsageError('--rate and --max belong to redrive');
  }
  if (command === 'stats') {
    if (queue !== undefined) throw new UsageError(`stats takes no queue, got ${queue}`);
    return { command };
  }
  if (command !== 'peek' && command !== 'redrive' && command !== 'purge') {
    throw new UsageError(`unknown command ${command ?? '(none)'}`);
  }
  if (!isQueueName(queue)) throw new UsageError(`unknown queue ${queue ?? '(none)'}`);
  if (command === 'purge' && !values.yes) {
    throw new UsageError(`purge drops every message of the ${queue} DLQ: add --yes to confirm`);
  }
  if (command !== 'redrive') return { command, queue };
  const rate = checked('--rate', values.rate ?? String(DEFAULT_REDRIVE_RATE), redriveRateProblem);
  const max =
    values.max === undefined ? undefined : checked('--max', values.max, redriveMaxProblem);
  return { command, queue, rate, max };
}

function checked(
  flag: string,
  raw: string,
  problem: (value: string, name: string) => string | null,
): number {
  const refusal = problem(raw, flag);
  if (refusal !== null) throw new UsageError(refusal);
  return Number(raw);
}

function isQueueName(value: string | undefined): value is QueueName {
  return (QUEUE_NAMES as readonly string[]).includes(value ?? '');
}

runCommand(USAGE, main);
