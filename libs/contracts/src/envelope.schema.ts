import { z } from 'zod';

/**
 * Every message on every queue travels in this envelope. `messageId` is the idempotency key
 * consumers record in their inbox; `correlationId` ties the message to the request that caused it.
 */
export const envelopeSchema = z.object({
  messageId: z.uuid(),
  type: z.string().min(1).max(100),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  correlationId: z.string().min(1).max(200),
  orderId: z.uuid().nullable(),
  payload: z.unknown(),
});

/** An envelope as it travels, before its type and payload are checked against the catalog. */
export type Envelope = z.infer<typeof envelopeSchema>;
