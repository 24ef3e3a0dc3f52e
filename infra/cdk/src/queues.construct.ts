import { Duration, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueName } from '@conveyor/contracts';
import type { QueueDefinition, QueuePairTopology, QueueTopology } from '@conveyor/messaging';

export interface QueuePair {
  work: sqs.Queue;
  dlq: sqs.Queue;
}

/** Every work queue and its DLQ, each exactly as the topology declares it. */
export class ConveyorQueues extends Construct {
  readonly pairs: ReadonlyMap<QueueName, QueuePair>;

  constructor(scope: Construct, id: string, topology: QueueTopology) {
    super(scope, id);
    const pairs = new Map<QueueName, QueuePair>();
    for (const pair of topology.pairs) pairs.set(pair.queue, this.definePair(pair));
    this.pairs = pairs;
  }

  pair(queue: QueueName): QueuePair {
    const pair = this.pairs.get(queue);
    if (!pair) throw new Error(`Queue ${queue} is not part of the stack`);
    return pair;
  }

  private definePair(pair: QueuePairTopology): QueuePair {
    // The work queue's ARN from its name rather than its resource: the work queue already
    // depends on the DLQ (its RedrivePolicy), and a reference back would be a cycle.
    const sourceArn = Stack.of(this).formatArn({
      service: 'sqs',
      resource: pair.work.name,
    });
    const dlq = new sqs.Queue(this, `${pair.queue}-dlq`, {
      ...queueProps(pair.dlq),
      redriveAllowPolicy: {
        redrivePermission: sqs.RedrivePermission.BY_QUEUE,
        sourceQueues: [sqs.Queue.fromQueueArn(this, `${pair.queue}-source`, sourceArn)],
      },
    });
    const work = new sqs.Queue(this, pair.queue, {
      ...queueProps(pair.work),
      deadLetterQueue: { queue: dlq, maxReceiveCount: pair.maxReceiveCount },
    });
    return { work, dlq };
  }
}

function queueProps(definition: QueueDefinition): sqs.QueueProps {
  return {
    queueName: definition.name,
    visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
    receiveMessageWaitTime: Duration.seconds(definition.receiveMessageWaitTimeSeconds),
    retentionPeriod: Duration.seconds(definition.messageRetentionPeriodSeconds),
    encryption: definition.sqsManagedSseEnabled
      ? sqs.QueueEncryption.SQS_MANAGED
      : sqs.QueueEncryption.UNENCRYPTED,
    enforceSSL: true,
    ...(definition.fifo ? { fifo: true, contentBasedDeduplication: false } : {}),
  };
}
