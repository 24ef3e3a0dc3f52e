import type Stripe from 'stripe';
import { invalidParam, stateError } from './api.error';

export const CANCELABLE = [
  'requires_payment_method',
  'requires_capture',
  'requires_confirmation',
  'requires_action',
  'processing',
];
export const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation'];

const RETURN_URL_REQUIRED =
  'A `return_url` must be specified because this Payment Intent is configured to automatically ' +
  'accept the payment methods enabled in the Dashboard, some of which may require a full page ' +
  'redirect to succeed. If you do not want to accept redirect-based payment methods, set ' +
  '`automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` ' +
  'to `never` when creating Setup Intents and Payment Intents.';

export function snapshot(intent: Stripe.PaymentIntent): Stripe.PaymentIntent {
  return structuredClone(intent);
}

/** Stripe refuses to confirm a PaymentIntent that might redirect without a place to return to. */
export function assertReturnUrl(intent: Stripe.PaymentIntent, returnUrl: string | undefined): void {
  const automatic = intent.automatic_payment_methods;
  if (automatic?.enabled && automatic.allow_redirects !== 'never' && !returnUrl) {
    throw invalidParam('return_url', RETURN_URL_REQUIRED);
  }
}

export function unexpectedState(intent: Stripe.PaymentIntent, action: string, allowed: string[]) {
  const message =
    `This PaymentIntent could not be ${action} because it has a status of ${intent.status}. ` +
    `Only a PaymentIntent with one of the following statuses may be ${action}: ${allowed.join(', ')}.`;
  return stateError('payment_intent_unexpected_state', message, snapshot(intent));
}

export function missingPaymentMethod(intent: Stripe.PaymentIntent) {
  const message =
    "You cannot confirm this PaymentIntent because it's missing a payment method. " +
    'Update the PaymentIntent with a payment method and then confirm it again.';
  return stateError('payment_intent_unexpected_state', message, snapshot(intent));
}

/** The test PaymentMethods are all cards; a PaymentIntent that does not allow cards refuses them. */
export function assertCardAllowed(intent: Stripe.PaymentIntent): void {
  if (!intent.payment_method_types.includes('card')) {
    const message =
      'The PaymentMethod provided (card) is not allowed for this PaymentIntent. Please attach a ' +
      `PaymentMethod of one of the following types: ${intent.payment_method_types.join(', ')}.`;
    throw invalidParam('payment_method', message, 'payment_intent_incompatible_payment_method');
  }
}

/** The charge of a PaymentIntent past a payment attempt (every captured or authorized one). */
export function latestChargeId(intent: Stripe.PaymentIntent): string {
  if (typeof intent.latest_charge !== 'string') {
    throw new Error(`PaymentIntent ${intent.id} has no charge`);
  }
  return intent.latest_charge;
}
