import { z } from 'zod';
import { orderLineSchema, shippingAddressSchema } from './shared.schema';

/** Stock is reserved: create the one shipment of this order. */
export const shipmentRequestedSchema = z.object({
  items: z.array(orderLineSchema).min(1).max(50),
  shippingAddress: shippingAddressSchema,
});

/**
 * The customer asked to cancel. Shipping decides, because only it knows whether a shipment
 * already exists: the point of no return.
 */
export const shipmentCancellationRequestedSchema = z.object({});
