import { z } from 'zod';
import {
  centsSchema,
  currencySchema,
  encryptedFieldSchema,
  orderLineSchema,
  shipmentSchema,
} from './shared.schema';

/**
 * Authorize the order total on the customer's payment method. The payment method is sealed for
 * the payment worker, the shipping address for the shipping worker (carried on unopened).
 */
export const paymentAuthorizationRequestedSchema = z.object({
  customerId: z.string().min(1).max(200),
  paymentMethod: encryptedFieldSchema,
  totalCents: centsSchema,
  currency: currencySchema,
  items: z.array(orderLineSchema).min(1).max(50),
  shippingAddress: encryptedFieldSchema,
});

/** The shipment exists: capture the authorized amount. */
export const paymentCaptureRequestedSchema = z.object({ shipment: shipmentSchema });

/** Release an authorization nobody will capture: stock ran out, or the order was cancelled. */
export const paymentVoidRequestedSchema = z.object({
  reason: z.enum(['OUT_OF_STOCK', 'CANCELLED']),
});
