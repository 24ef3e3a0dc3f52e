import { QUEUE_NAMES } from '@conveyor/contracts';
import { renderQueueAttributes, siblingQueueArn } from './queue-attributes';
import { findQueuePair, resolveQueueTopology } from './queue-topology';

describe('resolveQueueTopology', () => {
  it('declares a work queue and a dead-letter queue for every queue name', () => {
    const topology = resolveQueueTopology({ prefix: 'conveyor-dev-', mode: 'standard' });

    expect(topology.pairs.map((pair) => pair.queue)).toEqual([...QUEUE_NAMES]);
    expect(findQueuePair(topology, 'order-events')).toMatchObject({
      work: { name: 'conveyor-dev-order-events', fifo: false },
      dlq: { name: 'conveyor-dev-order-events-dlq', fifo: false },
      maxReceiveCount: 5,
    });
  });

  it('gives payments a longer visibility timeout and DLQs a longer retention', () => {
    const topology = resolveQueueTopology({ prefix: 'p-', mode: 'standard', maxReceiveCount: 7 });
    const payments = findQueuePair(topology, 'payments');
    const shipping = findQueuePair(topology, 'shipping');

    expect(payments.work.visibilityTimeoutSeconds).toBe(60);
    expect(shipping.work.visibilityTimeoutSeconds).toBe(30);
    expect(payments.work.messageRetentionPeriodSeconds).toBe(345_600);
    expect(payments.dlq.messageRetentionPeriodSeconds).toBe(1_209_600);
    expect(payments.maxReceiveCount).toBe(7);
    expect(renderQueueAttributes(payments.work)).toEqual({
      VisibilityTimeout: '60',
      ReceiveMessageWaitTimeSeconds: '20',
      MessageRetentionPeriod: '345600',
      SqsManagedSseEnabled: 'true',
    });
  });

  it('suffixes work queues and DLQs with .fifo in FIFO mode', () => {
    const topology = resolveQueueTopology({ prefix: 'p-', mode: 'fifo' });
    const inventory = findQueuePair(topology, 'inventory');

    expect(inventory.work.name).toBe('p-inventory.fifo');
    expect(inventory.dlq.name).toBe('p-inventory-dlq.fifo');
    expect(renderQueueAttributes(inventory.dlq)).toMatchObject({
      FifoQueue: 'true',
      ContentBasedDeduplication: 'false',
    });
  });
});

describe('siblingQueueArn', () => {
  it('swaps only the queue name of an ARN', () => {
    expect(siblingQueueArn('arn:aws:sqs:eu-west-1:123456789012:p-payments-dlq', 'p-payments')).toBe(
      'arn:aws:sqs:eu-west-1:123456789012:p-payments',
    );
  });
});
