import {
  MESSAGE_CATALOG,
  QUEUE_CONSUMERS,
  type ConveyorApp,
  type MessageType,
  type QueueName,
} from '@conveyor/contracts';

/** One edge of the system: `producer` sends `types` to `queue`, which `consumer` consumes. */
export interface MessageFlow {
  producer: ConveyorApp;
  queue: QueueName;
  consumer: ConveyorApp;
  types: MessageType[];
}

/**
 * Who sends what to whom, derived from the catalog: the edges the README's diagram draws, and
 * the send permissions each app needs in the cloud. Ordered by producer, then queue.
 */
export function messageFlows(): MessageFlow[] {
  const flows = new Map<string, MessageFlow>();
  for (const type of Object.keys(MESSAGE_CATALOG) as MessageType[]) {
    const { queue, producers } = MESSAGE_CATALOG[type];
    for (const producer of producers) {
      const key = `${producer} ${queue}`;
      const flow = flows.get(key) ?? {
        producer,
        queue,
        consumer: QUEUE_CONSUMERS[queue],
        types: [],
      };
      flow.types.push(type);
      flows.set(key, flow);
    }
  }
  return [...flows.values()].sort(
    (a, b) => a.producer.localeCompare(b.producer) || a.queue.localeCompare(b.queue),
  );
}

/** The queues `app` sends to. */
export function queuesSentToBy(app: ConveyorApp): QueueName[] {
  return messageFlows()
    .filter((flow) => flow.producer === app)
    .map((flow) => flow.queue);
}
