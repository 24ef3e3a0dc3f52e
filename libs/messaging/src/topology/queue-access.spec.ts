import { CONVEYOR_APPS, QUEUE_NAMES } from '@conveyor/contracts';
import { DEAD_LETTER_ADMIN, queueAccessOf, queueConsumedBy } from './queue-access';

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
    for (const app of CONVEYOR_APPS.filter((candidate) => candidate !== DEAD_LETTER_ADMIN)) {
      const consumed = queueConsumedBy(app);
      for (const { queue, kind, actions } of queueAccessOf(app)) {
        if (kind === 'dlq' || actions.includes('sqs:ReceiveMessage')) expect(queue).toBe(consumed);
      }
    }
  });

  it('lets the dead-letter admin operate every DLQ and send back to every work queue, receiving from no other work queue', () => {
    const access = queueAccessOf(DEAD_LETTER_ADMIN);
    for (const queue of QUEUE_NAMES) {
      const dlq = access.find((grant) => grant.queue === queue && grant.kind === 'dlq');
      expect(dlq?.actions).toEqual(
        expect.arrayContaining([
          'sqs:ReceiveMessage',
          'sqs:DeleteMessage',
          'sqs:ChangeMessageVisibility',
          'sqs:PurgeQueue',
          'sqs:GetQueueAttributes',
        ]),
      );
      const work = access.find((grant) => grant.queue === queue && grant.kind === 'work');
      expect(work?.actions).toContain('sqs:SendMessage');
      if (queue !== queueConsumedBy(DEAD_LETTER_ADMIN)) {
        expect(work?.actions).not.toContain('sqs:ReceiveMessage');
      }
    }
  });
});
