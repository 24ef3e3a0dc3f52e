import { z } from 'zod';
import {
  centsSchema,
  currencySchema,
  orderLineSchema,
  shipmentSchema,
  shippingAddressSchema,
} from './shared.schema';

/** Authorize the order total on the customer's payment method. */
export const paymentAuthorizationRequestedSchema = z.object({
  customerId: z.string().min(1).max(200),
  paymentMethod: z.string().min(1).max(200),
  totalCents: centsSchema,
  currency: currencySchema,
  items: z.array(orderLineSchema).min(1).max(50),
  shippingAddress: shippingAddressSchema,
});

/** The shipment exists: capture the authorized amount. */
export const paymentCaptureRequestedSchema = z.object({ shipment: shipmentSchema });

/** Release an authorization nobody will capture: stock ran out, or the order was cancelled. */
export const paymentVoidRequestedSchema = z.object({
  reason: z.enum(['OUT_OF_STOCK', 'CANCELLED']),
});
