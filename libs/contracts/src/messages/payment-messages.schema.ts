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

const stripeEventFacts = {
  /** Stripe's event id (evt_…): the order API forwards each once. */
  stripeEventId: z.string().min(1).max(255),
  /** Stripe's `created`, in Unix seconds by Stripe's clock. */
  stripeCreated: z.number().int().nonnegative(),
  paymentIntentId: z.string().min(1).max(255),
};

/**
 * A verified Stripe webhook event that concerns a payment, forwarded by the order API for the
 * payment worker to reconcile with its payment row. Ids and codes only: no customer data.
 */
export const stripeEventReceivedSchema = z.discriminatedUnion('eventType', [
  z.object({
    ...stripeEventFacts,
    eventType: z.literal('payment_intent.canceled'),
    /** Stripe's cancellation_reason: `automatic` when an authorization expired. */
    cancellationReason: z.string().max(100).nullable(),
  }),
  z.object({
    ...stripeEventFacts,
    eventType: z.literal('payment_intent.payment_failed'),
    failureCode: z.string().max(100).nullable(),
  }),
  z.object({
    ...stripeEventFacts,
    eventType: z.literal('charge.refunded'),
    chargeId: z.string().min(1).max(255),
    /** Cumulative, as Stripe reports it: the latest event carries the largest figure. */
    amountRefundedCents: centsSchema,
    currency: currencySchema,
  }),
  z.object({
    ...stripeEventFacts,
    eventType: z.literal('charge.dispute.created'),
    disputeId: z.string().min(1).max(255),
    amountCents: centsSchema,
    currency: currencySchema,
    reason: z.string().max(100),
  }),
]);
export type StripeEventReceived = z.infer<typeof stripeEventReceivedSchema>;
export type ForwardedStripeEventType = StripeEventReceived['eventType'];
