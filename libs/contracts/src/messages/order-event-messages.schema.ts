import { z } from 'zod';
import { centsSchema, shipmentSchema, skuSchema } from './shared.schema';

/** Workers → order-api, on the order-events queue: what happened to an order. */
export const paymentAuthorizedSchema = z.object({ paymentIntentId: z.string().min(1) });
export type PaymentAuthorized = z.infer<typeof paymentAuthorizedSchema>;

export const paymentFailedSchema = z.object({ reason: z.string().min(1).max(500) });
export type PaymentFailed = z.infer<typeof paymentFailedSchema>;

export const stockReservedSchema = z.object({});
export type StockReserved = z.infer<typeof stockReservedSchema>;

export const outOfStockSchema = z.object({ skus: z.array(skuSchema).min(1) });
export type OutOfStock = z.infer<typeof outOfStockSchema>;

export const orderShippedSchema = z.object({
  shipment: shipmentSchema,
  capturedCents: centsSchema,
});
export type OrderShipped = z.infer<typeof orderShippedSchema>;

export const orderCancelledSchema = z.object({ reason: z.string().min(1).max(500) });
export type OrderCancelled = z.infer<typeof orderCancelledSchema>;

/** shipping → order-api: a cancellation came too late; the order ships. */
export const cancellationRejectedSchema = z.object({ reason: z.string().min(1).max(500) });
export type CancellationRejected = z.infer<typeof cancellationRejectedSchema>;

/** inventory → order-api: current availability, so GET /products can answer without asking. */
export const stockLevelsChangedSchema = z.object({
  levels: z.array(z.object({ sku: skuSchema, available: z.number().int().nonnegative() })).min(1),
});
export type StockLevelsChanged = z.infer<typeof stockLevelsChangedSchema>;
