import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  MESSAGE_CATALOG,
  type EnvelopeOf,
  type MessageType,
  type OrderIdOf,
  type PayloadOf,
  type QueueName,
} from '@conveyor/contracts';
import { correlationContext } from '@conveyor/observability';
import { captureTraceContext, ORDER_ID_ATTRIBUTE, tagActiveSpan } from '@conveyor/tracing';

export interface StagedMessage<T extends MessageType> {
  id: string;
  queue: QueueName;
  envelope: EnvelopeOf<T>;
}

/**
 * Writes outgoing messages into the caller's transaction. They reach SQS only after that
 * transaction commits (see OutboxRelay), so a message exists if and only if its effects do.
 */
export class OutboxWriter {
  private readonly table: string;

  constructor(schema: string) {
    this.table = `"${schema}".outbox`;
  }

  async stage<T extends MessageType>(
    manager: EntityManager,
    type: T,
    orderId: OrderIdOf<T>,
    payload: PayloadOf<T>,
  ): Promise<StagedMessage<T>> {
    const message = this.compose(type, orderId, payload);
    await manager.query(
      `INSERT INTO ${this.table} (id, queue, message_type, envelope) VALUES ($1, $2, $3, $4)`,
      [message.id, message.queue, type, JSON.stringify(message.envelope)],
    );
    return message;
  }

  /** The message and its envelope, for a caller that writes the outbox row itself. */
  compose<T extends MessageType>(
    type: T,
    orderId: OrderIdOf<T>,
    payload: PayloadOf<T>,
  ): StagedMessage<T> {
    const entry = MESSAGE_CATALOG[type];
    // The context of the request or handler staging it: the consumer continues this trace.
    const traceContext = captureTraceContext();
    if (orderId) tagActiveSpan({ [ORDER_ID_ATTRIBUTE]: orderId });
    const envelope = {
      messageId: randomUUID(),
      type,
      version: entry.version,
      occurredAt: new Date().toISOString(),
      correlationId: correlationContext.currentId() ?? randomUUID(),
      orderId,
      payload,
      ...(traceContext && { traceContext }),
    } as EnvelopeOf<T>;
    return { id: envelope.messageId, queue: entry.queue, envelope };
  }
}
