import type { z } from 'zod';
import type { Envelope } from './envelope.schema';
import type { MESSAGE_CATALOG } from './message-catalog';
import type { ConveyorApp, QueueName } from './topology';

export type MessageCatalog = typeof MESSAGE_CATALOG;
export type MessageType = keyof MessageCatalog;
export type PayloadOf<T extends MessageType> = z.infer<MessageCatalog[T]['payload']>;

/** The types that travel on queue Q. */
export type TypesOn<Q extends QueueName> = {
  [T in MessageType]: MessageCatalog[T]['queue'] extends Q ? T : never;
}[MessageType];

/** The types app A is declared to send. */
export type ProducedBy<A extends ConveyorApp> = {
  [T in MessageType]: A extends MessageCatalog[T]['producers'][number] ? T : never;
}[MessageType];

/**
 * A message about one order names it (a string); catalog-wide news carries null. Read through
 * the schema's output type, an indexed access the checker can still resolve for a type parameter
 * (z.infer is a conditional type and would stay opaque there).
 */
export type OrderIdOf<T extends MessageType> = MessageCatalog[T]['orderId']['_zod']['output'];

/** The envelope of a message of type T (of each type in T, for a union), payload decoded. */
export type EnvelopeOf<T extends MessageType> = {
  [K in T]: Omit<Envelope, 'type' | 'orderId' | 'payload'> & {
    type: K;
    orderId: OrderIdOf<K>;
    payload: PayloadOf<K>;
  };
}[T];
