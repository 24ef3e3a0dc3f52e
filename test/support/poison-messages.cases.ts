import { randomBytes, randomUUID } from 'node:crypto';
import { MESSAGE_CATALOG, type MessageType, type QueueName } from '@conveyor/contracts';

// Per queue, the kinds of poison a consumer must dead-letter at once: bodies that are not JSON,
// name no known type or version, break their type's schema, or are ~1 MiB of junk.

/** fauxqs and SQS take up to 1 MiB; the dead-letter copy needs a little room for its labels. */
const NEARLY_ONE_MIB = 1024 * 1024 - 4096;

/** Per queue: a type it carries and a payload that breaks that type's schema. */
const QUEUE_SAMPLES: Record<QueueName, { type: MessageType; badPayload: unknown }> = {
  payments: { type: 'payment.void-requested', badPayload: { reason: 'LOST_IN_THE_MAIL' } },
  inventory: { type: 'inventory.reservation-requested', badPayload: { items: [] } },
  shipping: { type: 'shipping.shipment-requested', badPayload: { items: [] } },
  'order-events': { type: 'order.payment-failed', badPayload: { reason: '' } },
};

/** A version no type has: each type's current one is MESSAGE_CATALOG's. */
const UNKNOWN_VERSION = 99;

function envelope(type: string, payload: unknown, version?: number): string {
  return JSON.stringify({
    messageId: randomUUID(),
    type,
    version: version ?? MESSAGE_CATALOG[type as MessageType]?.version ?? 1,
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    orderId: randomUUID(),
    payload,
  });
}

export interface PoisonCase {
  name: string;
  body: string;
  /** What the DLQ copy's `conveyor-poison-reason` must say. */
  reason: RegExp;
}

export function poisonCases(queue: QueueName): PoisonCase[] {
  const { type, badPayload } = QUEUE_SAMPLES[queue];
  return [
    { name: 'not JSON', body: '{"messageId": "cut off', reason: /not JSON/ },
    {
      name: 'unknown type',
      body: envelope(`${queue}.teleport-requested`, {}),
      reason: /unknown message type/,
    },
    {
      name: 'unknown version',
      body: envelope(type, badPayload, UNKNOWN_VERSION),
      reason: new RegExp(`version ${UNKNOWN_VERSION}`),
    },
    { name: 'schema violation', body: envelope(type, badPayload), reason: /invalid payload/ },
    {
      name: '~1 MiB of junk',
      body: randomBytes(NEARLY_ONE_MIB * 0.75).toString('base64'),
      reason: /not JSON/,
    },
  ];
}
