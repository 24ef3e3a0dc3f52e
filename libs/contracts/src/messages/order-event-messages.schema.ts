import { z } from 'zod';
import { centsSchema, shipmentSchema, skuSchema } from './shared.schema';

// On the order-events queue: what happened to an order, for the order API to apply.

export const paymentAuthorizedSchema = z.object({ paymentIntentId: z.string().min(1) });

/**
 * The authorization was canceled at Stripe, not by Conveyor (it expired after 7 days, or someone
 * canceled it in the dashboard): nothing can be captured any more, so the order is cancelled.
 */
export const paymentAuthorizationCanceledSchema = z.object({
  paymentIntentId: z.string().min(1),
  cancellationReason: z.string().max(100).nullable(),
});

export const paymentFailedSchema = z.object({ reason: z.string().min(1).max(500) });

export const stockReservedSchema = z.object({});

export const outOfStockSchema = z.object({ skus: z.array(skuSchema).min(1) });

export const orderShippedSchema = z.object({
  shipment: shipmentSchema,
  capturedCents: centsSchema,
});

export const orderCancelledSchema = z.object({ reason: z.string().min(1).max(500) });

/** A cancellation came too late: the order ships. */
export const cancellationRejectedSchema = z.object({ reason: z.string().min(1).max(500) });

/** Current availability, so GET /products can answer without asking the inventory worker. */
export const stockLevelsChangedSchema = z.object({
  levels: z.array(z.object({ sku: skuSchema, available: z.number().int().nonnegative() })).min(1),
});
