import { GetQueueAttributesCommand, GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueName } from '@conveyor/contracts';
import { isQueueMissingError } from '../sqs/sqs-errors';
import type { QueueTopology } from './queue-topology';

export interface QueueAddresses {
  workUrl: string;
  workArn: string;
  dlqUrl: string;
  dlqArn: string;
}

/** URLs and ARNs of every queue, looked up once at boot so the hot path never asks SQS for them. */
export type QueueDirectory = Readonly<Record<QueueName, QueueAddresses>>;

export class QueueNotProvisionedError extends Error {
  readonly code = 'QUEUE.NOT_PROVISIONED';

  constructor(readonly queueName: string) {
    super(`SQS queue "${queueName}" does not exist; run \`npm run queues:provision\` first`);
    this.name = 'QueueNotProvisionedError';
  }
}

export async function resolveQueueDirectory(
  sqs: SQSClient,
  topology: QueueTopology,
): Promise<QueueDirectory> {
  const entries = await Promise.all(
    topology.pairs.map(async (pair) => {
      const [work, dlq] = await Promise.all([
        locateQueue(sqs, pair.work.name),
        locateQueue(sqs, pair.dlq.name),
      ]);
      const addresses: QueueAddresses = {
        workUrl: work.url,
        workArn: work.arn,
        dlqUrl: dlq.url,
        dlqArn: dlq.arn,
      };
      return [pair.queue, addresses] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<QueueName, QueueAddresses>;
}

async function readQueueArn(sqs: SQSClient, queueUrl: string): Promise<string> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const arn = Attributes?.QueueArn;
  if (!arn) throw new Error(`SQS returned no QueueArn for ${queueUrl}`);
  return arn;
}

async function locateQueue(sqs: SQSClient, name: string): Promise<{ url: string; arn: string }> {
  try {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    if (!QueueUrl) throw new QueueNotProvisionedError(name);
    return { url: QueueUrl, arn: await readQueueArn(sqs, QueueUrl) };
  } catch (error) {
    if (isQueueMissingError(error)) throw new QueueNotProvisionedError(name);
    throw error;
  }
}
