import { z } from 'zod';
import { encryptedFieldSchema, orderLineSchema } from './shared.schema';

/** Stock is reserved: create the one shipment of this order, to the sealed address. */
export const shipmentRequestedSchema = z.object({
  items: z.array(orderLineSchema).min(1).max(50),
  shippingAddress: encryptedFieldSchema,
});

/**
 * The customer asked to cancel. Shipping decides, because only it knows whether a shipment
 * already exists: the point of no return.
 */
export const cancellationReasonSchema = z.enum([
  'CUSTOMER_REQUEST',
  'PAYMENT_AUTHORIZATION_CANCELED',
]);
export type CancellationReason = z.infer<typeof cancellationReasonSchema>;

export const shipmentCancellationRequestedSchema = z.object({
  /** Why; absent in requests sent before the field existed, which were the customer's. */
  reason: cancellationReasonSchema.optional(),
});
