import { z } from 'zod';
import { orderLineSchema, shippingAddressSchema, skuSchema } from './shared.schema';

/** payments → inventory: the payment is authorized, reserve every line or none. */
export const stockReservationRequestedSchema = z.object({
  items: z.array(orderLineSchema).min(1).max(50),
  shippingAddress: shippingAddressSchema,
});
export type StockReservationRequested = z.infer<typeof stockReservationRequestedSchema>;

/** payments → inventory: the order was cancelled; give back what it reserved. */
export const stockReleaseRequestedSchema = z.object({});
export type StockReleaseRequested = z.infer<typeof stockReleaseRequestedSchema>;

/** order-api (admin) → inventory: add units of a SKU. */
export const restockRequestedSchema = z.object({
  sku: skuSchema,
  quantity: z.number().int().min(1).max(1_000_000),
});
export type RestockRequested = z.infer<typeof restockRequestedSchema>;

/** shipping → inventory: the shipment left; reserved units of this order become shipped. */
export const reservationFulfilledSchema = z.object({});
export type ReservationFulfilled = z.infer<typeof reservationFulfilledSchema>;
