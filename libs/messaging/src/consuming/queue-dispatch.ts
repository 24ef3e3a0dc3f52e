import { MESSAGE_CATALOG, type MessageType, type QueueName } from '@conveyor/contracts';
import { PoisonMessageError } from './consumer.errors';
import type { MessageDispatch, MessageHandler, QueueHandlers } from './consumer.types';

/** The catalog's types on `queue`, at run time (TypesOn<Q> is the same set for the type checker). */
export function catalogTypesOn(queue: QueueName): MessageType[] {
  return (Object.keys(MESSAGE_CATALOG) as MessageType[]).filter(
    (type) => MESSAGE_CATALOG[type].queue === queue,
  );
}

/**
 * Turns a queue's handler map into the consumer's dispatch. The type checker already demands a
 * handler for every type on the queue; this check repeats it at boot for code that bypassed it
 * (a cast), so a gap fails the start, not a message.
 */
export function dispatchTo<Q extends QueueName>(
  queue: Q,
  handlers: QueueHandlers<Q>,
): MessageDispatch {
  const byType = handlers as unknown as Partial<Record<MessageType, MessageHandler<MessageType>>>;
  const missing = catalogTypesOn(queue).filter((type) => !byType[type]);
  if (missing.length > 0) {
    throw new Error(`the ${queue} consumer has no handler for ${missing.join(', ')}`);
  }
  return async (message) => {
    const handler = byType[message.envelope.type];
    if (!handler)
      throw new PoisonMessageError(`${queue} has no handler for ${message.envelope.type}`);
    return await handler.handle(message);
  };
}
