import { QUEUE_CONSUMERS, type ConveyorApp, type QueueName } from '@conveyor/contracts';
import { queuesSentToBy } from './message-flows';

/** The SQS API actions an app's process calls, as IAM names them (a batch call is its action). */
export type SqsAction =
  | 'sqs:GetQueueUrl'
  | 'sqs:GetQueueAttributes'
  | 'sqs:ReceiveMessage'
  | 'sqs:DeleteMessage'
  | 'sqs:ChangeMessageVisibility'
  | 'sqs:SendMessage';

/** One queue an app touches, and every action it calls on it. */
export interface QueueAccess {
  queue: QueueName;
  /** The work queue, or its dead-letter queue. */
  kind: 'work' | 'dlq';
  actions: SqsAction[];
}

/**
 * What the runtime below calls, by role (keep in step with the consumer, the poison forwarder,
 * the publisher and the queue directory): the cloud's least-privilege permissions are exactly
 * this, derived per app from the catalog.
 */
const ACTIONS = {
  /**
   * Long polls, settles (deletes, visibility backoff), probes readiness and samples depths for
   * /metrics on its queue.
   */
  consumeWork: [
    'sqs:GetQueueUrl',
    'sqs:GetQueueAttributes',
    'sqs:ReceiveMessage',
    'sqs:DeleteMessage',
    'sqs:ChangeMessageVisibility',
  ],
  /** Poison goes to the consumed queue's DLQ at once, sent by the consumer itself. */
  forwardPoison: ['sqs:GetQueueUrl', 'sqs:SendMessage'],
  /** The consumer's depth sampler reads its DLQ's depth (conveyor_dlq_messages). */
  sampleDeadLetters: ['sqs:GetQueueAttributes'],
  /** The outbox relay's SendMessageBatch. */
  send: ['sqs:GetQueueUrl', 'sqs:SendMessage'],
} as const satisfies Record<string, readonly SqsAction[]>;

/** The queue `app` consumes (each app consumes exactly one). */
export function queueConsumedBy(app: ConveyorApp): QueueName {
  const queue = (Object.keys(QUEUE_CONSUMERS) as QueueName[]).find(
    (candidate) => QUEUE_CONSUMERS[candidate] === app,
  );
  if (!queue) throw new Error(`${app} consumes no queue`);
  return queue;
}

/** Every queue `app` touches at run time and what it calls there; sorted, actions merged. */
export function queueAccessOf(app: ConveyorApp): QueueAccess[] {
  const consumed = queueConsumedBy(app);
  const grants: QueueAccess[] = [
    { queue: consumed, kind: 'work', actions: [...ACTIONS.consumeWork] },
    { queue: consumed, kind: 'dlq', actions: [...ACTIONS.forwardPoison] },
    { queue: consumed, kind: 'dlq', actions: [...ACTIONS.sampleDeadLetters] },
    ...queuesSentToBy(app).map((queue) => ({
      queue,
      kind: 'work' as const,
      actions: [...ACTIONS.send],
    })),
  ];
  const merged = new Map<string, QueueAccess>();
  for (const grant of grants) {
    const key = `${grant.queue} ${grant.kind}`;
    const seen = merged.get(key);
    const actions = new Set([...(seen?.actions ?? []), ...grant.actions]);
    merged.set(key, { ...grant, actions: [...actions].sort() });
  }
  return [...merged.values()].sort(
    (a, b) => a.queue.localeCompare(b.queue) || a.kind.localeCompare(b.kind),
  );
}
