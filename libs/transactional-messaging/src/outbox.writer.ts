import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  MESSAGE_CATALOG,
  type Envelope,
  type MessageType,
  type PayloadOf,
} from '@conveyor/contracts';
import { correlationContext } from '@conveyor/observability';

export interface StagedMessage {
  id: string;
  queue: string;
  envelope: Envelope;
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
    orderId: string | null,
    payload: PayloadOf<T>,
  ): Promise<StagedMessage> {
    const entry = MESSAGE_CATALOG[type];
    const envelope: Envelope = {
      messageId: randomUUID(),
      type,
      version: entry.version,
      occurredAt: new Date().toISOString(),
      correlationId: correlationContext.currentId() ?? randomUUID(),
      orderId,
      payload,
    };
    await manager.query(
      `INSERT INTO ${this.table} (id, queue, message_type, envelope) VALUES ($1, $2, $3, $4)`,
      [envelope.messageId, entry.queue, type, JSON.stringify(envelope)],
    );
    return { id: envelope.messageId, queue: entry.queue, envelope };
  }
}
