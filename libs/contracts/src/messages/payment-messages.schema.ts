import { z } from 'zod';
import {
  centsSchema,
  currencySchema,
  orderLineSchema,
  shipmentSchema,
  shippingAddressSchema,
} from './shared.schema';

/** order-api → payments: authorize the order total on the customer's payment method. */
export const paymentAuthorizationRequestedSchema = z.object({
  customerId: z.string().min(1).max(200),
  paymentMethod: z.string().min(1).max(200),
  totalCents: centsSchema,
  currency: currencySchema,
  items: z.array(orderLineSchema).min(1).max(50),
  shippingAddress: shippingAddressSchema,
});
export type PaymentAuthorizationRequested = z.infer<typeof paymentAuthorizationRequestedSchema>;

/** shipping → payments: the shipment exists, capture the authorized amount. */
export const paymentCaptureRequestedSchema = z.object({ shipment: shipmentSchema });
export type PaymentCaptureRequested = z.infer<typeof paymentCaptureRequestedSchema>;

/** inventory or order-api → payments: release the authorization (out of stock, cancelled). */
export const paymentVoidRequestedSchema = z.object({
  reason: z.enum(['OUT_OF_STOCK', 'CANCELLED']),
});
export type PaymentVoidRequested = z.infer<typeof paymentVoidRequestedSchema>;
