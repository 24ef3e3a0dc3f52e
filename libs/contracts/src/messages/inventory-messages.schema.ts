import { z } from 'zod';
import { encryptedFieldSchema, orderLineSchema, skuSchema } from './shared.schema';

/** The payment is authorized: reserve every line or none. The address is the shipping worker's. */
export const stockReservationRequestedSchema = z.object({
  items: z.array(orderLineSchema).min(1).max(50),
  shippingAddress: encryptedFieldSchema,
});

/** The order was cancelled before it shipped: give back what it reserved. */
export const stockReleaseRequestedSchema = z.object({});

/** An administrator adds units of a SKU. */
export const restockRequestedSchema = z.object({
  sku: skuSchema,
  quantity: z.number().int().min(1).max(1_000_000),
});

/** The shipment left: the order's reserved units become shipped units. */
export const reservationFulfilledSchema = z.object({});
