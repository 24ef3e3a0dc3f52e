import { randomUUID } from 'node:crypto';
import {
  MESSAGE_CATALOG,
  type EnvelopeOf,
  type MessageType,
  type OrderIdOf,
  type PayloadOf,
  type ShippingAddress,
} from '@conveyor/contracts';
import { PoisonMessageError, type MessageHandler } from '@conveyor/messaging';

/** How a handler call ended, as the consumer would classify it. */
export type HandlingOutcome =
  { kind: 'done' } | { kind: 'poison'; message: string } | { kind: 'transient'; message: string };

export const SPEC_SHIPPING_ADDRESS: ShippingAddress = {
  name: 'Ada Lovelace',
  line1: '1 Main Street',
  city: 'Berlin',
  postalCode: '10115',
  country: 'DE',
};

/** A fresh order id: each test's order is its own. */
export function newOrderId(): string {
  return randomUUID();
}

/** An envelope of `type` about `orderId`, as the consumer hands it to a handler. */
export function envelopeOf<T extends MessageType>(
  type: T,
  orderId: OrderIdOf<T>,
  payload: PayloadOf<T>,
): EnvelopeOf<T> {
  return {
    messageId: randomUUID(),
    type,
    version: MESSAGE_CATALOG[type].version,
    occurredAt: new Date().toISOString(),
    correlationId: `spec-${randomUUID()}`,
    orderId,
    payload,
  };
}

/** The same request under a new message id, as the reconciler re-sends it. */
export function resent<T extends MessageType>(envelope: EnvelopeOf<T>): EnvelopeOf<T> {
  return { ...envelope, messageId: randomUUID() };
}

/** Hands `envelope` to `handler` as its `receiveCount`-th delivery; says how that ended. */
export async function deliver<T extends MessageType>(
  handler: MessageHandler<T>,
  envelope: EnvelopeOf<T>,
  receiveCount = 1,
): Promise<HandlingOutcome> {
  try {
    await handler.handle({ envelope, receiveCount, sqsMessageId: randomUUID() });
    return { kind: 'done' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: error instanceof PoisonMessageError ? 'poison' : 'transient', message };
  }
}
