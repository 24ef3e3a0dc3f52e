import { QUEUE_NAMES, type QueueName } from '@conveyor/contracts';

export type QueueMode = 'standard' | 'fifo';

/**
 * One SQS queue as plain data: the provisioner creates it from this, and anything else that
 * declares queues (a deployment template) should read the same data rather than repeat it.
 */
export interface QueueDefinition {
  name: string;
  fifo: boolean;
  visibilityTimeoutSeconds: number;
  receiveMessageWaitTimeSeconds: number;
  messageRetentionPeriodSeconds: number;
  sqsManagedSseEnabled: boolean;
}

/** A work queue, its dead-letter queue, and the receive count after which SQS moves a message over. */
export interface QueuePairTopology {
  queue: QueueName;
  work: QueueDefinition;
  dlq: QueueDefinition;
  maxReceiveCount: number;
}

export interface QueueTopology {
  prefix: string;
  mode: QueueMode;
  pairs: readonly QueuePairTopology[];
}

export interface QueueTopologyOptions {
  prefix: string;
  mode: QueueMode;
  maxReceiveCount?: number;
  /** One lease for every work queue instead of the defaults below (SQS_VISIBILITY_TIMEOUT_SECONDS). */
  visibilityTimeoutSeconds?: number;
}

export const DEFAULT_MAX_RECEIVE_COUNT = 5;
const FOUR_DAYS_SECONDS = 345_600;
const FOURTEEN_DAYS_SECONDS = 1_209_600;
const LONG_POLL_SECONDS = 20;

/** Stripe calls can take tens of seconds, so payment messages get a longer lease. */
const VISIBILITY_TIMEOUT_SECONDS: Record<QueueName, number> = {
  payments: 60,
  inventory: 30,
  shipping: 30,
  'order-events': 30,
};

export function resolveQueueTopology(options: QueueTopologyOptions): QueueTopology {
  const fifo = options.mode === 'fifo';
  const suffix = fifo ? '.fifo' : '';
  const maxReceiveCount = options.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT;
  const define = (name: string, visibility: number, retention: number): QueueDefinition => ({
    name: `${options.prefix}${name}${suffix}`,
    fifo,
    visibilityTimeoutSeconds: visibility,
    receiveMessageWaitTimeSeconds: LONG_POLL_SECONDS,
    messageRetentionPeriodSeconds: retention,
    sqsManagedSseEnabled: true,
  });
  const pairs = QUEUE_NAMES.map((queue) => ({
    queue,
    work: define(
      queue,
      options.visibilityTimeoutSeconds ?? VISIBILITY_TIMEOUT_SECONDS[queue],
      FOUR_DAYS_SECONDS,
    ),
    dlq: define(`${queue}-dlq`, 30, FOURTEEN_DAYS_SECONDS),
    maxReceiveCount,
  }));
  return { prefix: options.prefix, mode: options.mode, pairs };
}

export function findQueuePair(topology: QueueTopology, queue: QueueName): QueuePairTopology {
  const pair = topology.pairs.find((candidate) => candidate.queue === queue);
  if (!pair) throw new Error(`Queue ${queue} is not part of the topology`);
  return pair;
}
