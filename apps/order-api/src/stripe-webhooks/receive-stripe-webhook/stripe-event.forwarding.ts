import type Stripe from 'stripe';
import type { ForwardedStripeEventType, StripeEventReceived } from '@conveyor/contracts';
import { idOf } from './stripe-signature.verifier';

/** The event types the payment worker reconciles; every other verified event is only recorded. */
export const FORWARDED_STRIPE_EVENT_TYPES: readonly ForwardedStripeEventType[] = [
  'payment_intent.canceled',
  'payment_intent.payment_failed',
  'charge.refunded',
  'charge.dispute.created',
];

type StripeObject = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const cents = (value: unknown): number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
const currency = (value: unknown): string => (text(value) ?? 'xxx').toUpperCase();

/**
 * What the payment worker needs of an event, or undefined when it needs nothing (another type,
 * or an object that names no PaymentIntent). Ids, amounts and codes only: the event's object
 * may carry billing details, which never leave the order API.
 */
export function forwardedFactsOf(event: Stripe.Event): StripeEventReceived | undefined {
  const type = event.type as ForwardedStripeEventType;
  if (!FORWARDED_STRIPE_EVENT_TYPES.includes(type)) return undefined;
  const object = event.data.object as unknown as StripeObject;
  const paymentIntentId =
    object.object === 'payment_intent' ? text(object.id) : idOf(object.payment_intent);
  if (!paymentIntentId) return undefined;
  const facts = { stripeEventId: event.id, stripeCreated: event.created, paymentIntentId };
  switch (type) {
    case 'payment_intent.canceled':
      return { ...facts, eventType: type, cancellationReason: text(object.cancellation_reason) };
    case 'payment_intent.payment_failed': {
      const lastError = (object.last_payment_error ?? {}) as StripeObject;
      return { ...facts, eventType: type, failureCode: text(lastError.code) };
    }
    case 'charge.refunded':
      return {
        ...facts,
        eventType: type,
        chargeId: text(object.id) ?? 'unknown',
        amountRefundedCents: cents(object.amount_refunded),
        currency: currency(object.currency),
      };
    case 'charge.dispute.created':
      return {
        ...facts,
        eventType: type,
        disputeId: text(object.id) ?? 'unknown',
        amountCents: cents(object.amount),
        currency: currency(object.currency),
        reason: text(object.reason) ?? 'unknown',
      };
  }
}
