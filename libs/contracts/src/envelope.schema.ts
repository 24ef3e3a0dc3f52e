import { z } from 'zod';

/**
 * W3C trace context of the work that sent the message. A malformed one is dropped rather than
 * failing the message: tracing must never decide whether an order is processed.
 */
export const traceContextSchema = z
  .object({
    traceparent: z.string().regex(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/),
    tracestate: z.string().max(512).optional(),
  })
  .optional()
  .catch(undefined);

/**
 * Every message on every queue travels in this envelope. `messageId` is the idempotency key
 * consumers record in their inbox; `correlationId` ties the message to the request that caused it;
 * `traceContext` (optional) continues its order's trace in the consumer, whatever batch it rode in.
 */
export const envelopeSchema = z.object({
  messageId: z.uuid(),
  type: z.string().min(1).max(100),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  correlationId: z.string().min(1).max(200),
  orderId: z.uuid().nullable(),
  payload: z.unknown(),
  traceContext: traceContextSchema,
});

/** An envelope as it travels, before its type and payload are checked against the catalog. */
export type Envelope = z.infer<typeof envelopeSchema>;
