import { GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueName } from '@conveyor/contracts';
import { isQueueMissingError } from '../sqs/sqs-errors';
import type { QueueAccess } from './queue-access';
import {
  QueueNotProvisionedError,
  type QueueAddresses,
  type QueueDirectory,
} from './queue-directory';
import { findQueuePair, type QueueTopology } from './queue-topology';

/**
 * An app's directory: the URLs of the queues in its QueueAccess and nothing else, looked up with
 * GetQueueUrl alone, so that the process needs no permission beyond what queueAccessOf grants it
 * in the cloud. Any other address (another queue, an ARN) throws when read instead of reaching
 * SQS, where IAM would refuse it later and less clearly.
 */
export async function resolveAppQueueDirectory(
  sqs: SQSClient,
  topology: QueueTopology,
  access: readonly QueueAccess[],
): Promise<QueueDirectory> {
  const urls = new Map<string, string>();
  await Promise.all(
    access.map(async ({ queue, kind }) => {
      const definition = findQueuePair(topology, queue)[kind];
      urls.set(`${queue} ${kind}`, await lookUpUrl(sqs, definition.name));
    }),
  );
  const entries = topology.pairs.map(({ queue }) => [queue, scopedAddresses(queue, urls)]);
  return Object.fromEntries(entries) as Record<QueueName, QueueAddresses>;
}

function scopedAddresses(queue: QueueName, urls: ReadonlyMap<string, string>): QueueAddresses {
  const url = (kind: 'work' | 'dlq') => {
    const found = urls.get(`${queue} ${kind}`);
    if (found === undefined) {
      throw new Error(`this app has no access to the ${queue} ${kind} queue (queueAccessOf)`);
    }
    return found;
  };
  const noArn = (): never => {
    throw new Error('apps do not look queue ARNs up; use resolveQueueDirectory');
  };
  return {
    get workUrl() {
      return url('work');
    },
    get dlqUrl() {
      return url('dlq');
    },
    get workArn() {
      return noArn();
    },
    get dlqArn() {
      return noArn();
    },
  };
}

async function lookUpUrl(sqs: SQSClient, name: string): Promise<string> {
  try {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    if (!QueueUrl) throw new QueueNotProvisionedError(name);
    return QueueUrl;
  } catch (error) {
    if (isQueueMissingError(error)) throw new QueueNotProvisionedError(name);
    throw error;
  }
}
