import { isDeepStrictEqual } from 'node:util';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { isQueueExistsError } from '../sqs/sqs-errors';
import {
  renderQueueAttributes,
  renderRedriveAllowPolicy,
  renderRedrivePolicy,
  siblingQueueArn,
  type SqsQueueAttributes,
} from './queue-attributes';
import { resolveQueueDirectory, type QueueDirectory } from './queue-directory';
import type { QueuePairTopology, QueueTopology } from './queue-topology';

/**
 * Creates every queue of the topology, or brings existing ones to the declared attributes.
 * Idempotent: a second run changes nothing.
 */
export async function provisionQueues(
  sqs: SQSClient,
  topology: QueueTopology,
): Promise<QueueDirectory> {
  await Promise.all(topology.pairs.map((pair) => provisionPair(sqs, pair)));
  return resolveQueueDirectory(sqs, topology);
}

/** The DLQ comes first: the work queue's RedrivePolicy needs its ARN. */
async function provisionPair(sqs: SQSClient, pair: QueuePairTopology): Promise<void> {
  const dlqUrl = await ensureQueue(sqs, pair.dlq.name, renderQueueAttributes(pair.dlq));
  const { Attributes: dlq = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: dlqUrl,
      AttributeNames: ['QueueArn', 'RedriveAllowPolicy'],
    }),
  );
  if (!dlq.QueueArn) throw new Error(`SQS returned no QueueArn for ${dlqUrl}`);
  await ensureQueue(sqs, pair.work.name, {
    ...renderQueueAttributes(pair.work),
    RedrivePolicy: renderRedrivePolicy(dlq.QueueArn, pair.maxReceiveCount),
  });
  const allowPolicy = renderRedriveAllowPolicy(siblingQueueArn(dlq.QueueArn, pair.work.name));
  if (!sameJson(dlq.RedriveAllowPolicy, allowPolicy)) {
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: dlqUrl,
        Attributes: { RedriveAllowPolicy: allowPolicy },
      }),
    );
  }
}

async function ensureQueue(
  sqs: SQSClient,
  name: string,
  attributes: SqsQueueAttributes,
): Promise<string> {
  try {
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
    );
    if (!QueueUrl) throw new Error(`SQS returned no QueueUrl for ${name}`);
    return QueueUrl;
  } catch (error) {
    // CreateQueue is idempotent only for identical attributes; otherwise update in place.
    if (!isQueueExistsError(error)) throw error;
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    if (!QueueUrl) throw new Error(`SQS returned no QueueUrl for ${name}`, { cause: error });
    const mutable = { ...attributes };
    delete mutable.FifoQueue; // immutable after creation; SetQueueAttributes rejects it
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: mutable }));
    return QueueUrl;
  }
}

function sameJson(current: string | undefined, declared: string): boolean {
  if (current === undefined) return false;
  try {
    return isDeepStrictEqual(JSON.parse(current), JSON.parse(declared));
  } catch {
    return false;
  }
}
