import Stripe from 'stripe';
import { WebhookSignatureInvalidError, WebhookTimestampStaleError } from './stripe-webhook.errors';

/** What Conveyor keeps of a verified event: ids only, never the customer's data. */
export interface VerifiedStripeEvent {
  id: string;
  type: string;
  created: number;
  /** The id of data.object (pi_…, ch_…, dp_…). */
  objectId: string | undefined;
  /** The PaymentIntent the object belongs to, when it names one. */
  paymentIntentId: string | undefined;
}

/**
 * Verifies a webhook with the SDK (HMAC-SHA256 of `${t}.${rawBody}`, default tolerance 300 s) and
 * tells a stale timestamp from a bad signature, so that a replay is reported as such.
 */
export function verifyStripeEvent(
  rawBody: Buffer,
  signatureHeader: string | undefined,
  secret: string,
): Stripe.Event {
  if (!signatureHeader) throw new WebhookSignatureInvalidError('no Stripe-Signature header');
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(rawBody, signatureHeader, secret);
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) throw error;
    if (/tolerance/i.test(error.message)) throw new WebhookTimestampStaleError();
    throw new WebhookSignatureInvalidError(error.message.split('\n')[0] ?? 'no match');
  }
  return event;
}

export function summarizeStripeEvent(event: Stripe.Event): VerifiedStripeEvent {
  const object = event.data.object as { id?: unknown; object?: unknown; payment_intent?: unknown };
  const objectId = typeof object.id === 'string' ? object.id : undefined;
  const paymentIntent = object.object === 'payment_intent' ? objectId : idOf(object.payment_intent);
  return {
    id: event.id,
    type: event.type,
    created: event.created,
    objectId,
    paymentIntentId: paymentIntent,
  };
}

/** Stripe expands some references into objects; either way the id is what is kept. */
export function idOf(reference: unknown): string | undefined {
  if (typeof reference === 'string') return reference;
  if (reference && typeof reference === 'object' && 'id' in reference) {
    const id = reference.id;
    return typeof id === 'string' ? id : undefined;
  }
  return undefined;
}
