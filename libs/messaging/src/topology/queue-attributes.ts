import type { QueueDefinition } from './queue-topology';

export type SqsQueueAttributes = Record<string, string>;

/** The SQS API attribute map for a queue definition (CreateQueue / SetQueueAttributes). */
export function renderQueueAttributes(definition: QueueDefinition): SqsQueueAttributes {
  const attributes: SqsQueueAttributes = {
    VisibilityTimeout: String(definition.visibilityTimeoutSeconds),
    ReceiveMessageWaitTimeSeconds: String(definition.receiveMessageWaitTimeSeconds),
    MessageRetentionPeriod: String(definition.messageRetentionPeriodSeconds),
    SqsManagedSseEnabled: String(definition.sqsManagedSseEnabled),
  };
  if (definition.fifo) {
    attributes.FifoQueue = 'true';
    attributes.ContentBasedDeduplication = 'false';
  }
  return attributes;
}

export function renderRedrivePolicy(deadLetterTargetArn: string, maxReceiveCount: number): string {
  return JSON.stringify({ deadLetterTargetArn, maxReceiveCount });
}

export function renderRedriveAllowPolicy(sourceQueueArn: string): string {
  return JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [sourceQueueArn] });
}

/** Queues of one account and region share an ARN prefix; only the last segment (the name) differs. */
export function siblingQueueArn(queueArn: string, siblingName: string): string {
  return queueArn.slice(0, queueArn.lastIndexOf(':') + 1) + siblingName;
}
