import { CONVEYOR_APPS } from '@conveyor/contracts';
import { queueAccessOf, queueConsumedBy } from './queue-access';

describe('queueAccessOf', () => {
  it('grants the consumed queue, its DLQ for poison and depth, and each queue the app sends to', () => {
    expect(queueAccessOf('payment-worker')).toEqual([
      { queue: 'inventory', kind: 'work', actions: ['sqs:GetQueueUrl', 'sqs:SendMessage'] },
      { queue: 'order-events', kind: 'work', actions: ['sqs:GetQueueUrl', 'sqs:SendMessage'] },
      {
        queue: 'payments',
        kind: 'dlq',
        actions: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
      },
      {
        queue: 'payments',
        kind: 'work',
        actions: [
          'sqs:ChangeMessageVisibility',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
          'sqs:ReceiveMessage',
        ],
      },
    ]);
  });

  it('gives no app another app’s queue to receive from, nor a DLQ other than its own', () => {
    for (const app of CONVEYOR_APPS) {
      const consumed = queueConsumedBy(app);
      for (const { queue, kind, actions } of queueAccessOf(app)) {
        if (kind === 'dlq' || actions.includes('sqs:ReceiveMessage')) expect(queue).toBe(consumed);
      }
    }
  });
});
