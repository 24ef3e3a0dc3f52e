import { z } from 'zod';
import { orderLineSchema, shippingAddressSchema } from './shared.schema';

/** inventory → shipping: stock is reserved, create the one shipment for this order. */
export const shipmentRequestedSchema = z.object({
  items: z.array(orderLineSchema).min(1).max(50),
  shippingAddress: shippingAddressSchema,
});
export type ShipmentRequested = z.infer<typeof shipmentRequestedSchema>;

/**
 * order-api → shipping: the customer asked to cancel. Shipping decides, because only it knows
 * whether a shipment already exists: the point of no return.
 */
export const shipmentCancellationRequestedSchema = z.object({});
export type ShipmentCancellationRequested = z.infer<typeof shipmentCancellationRequestedSchema>;
