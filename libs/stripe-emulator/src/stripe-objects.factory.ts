import type Stripe from 'stripe';
import type { CardOutcome } from './test-cards.catalog';
import { newClientSecret, newStripeId } from './stripe-id.generator';

export type CaptureMethod = 'automatic' | 'automatic_async' | 'manual';

export interface CreatePaymentIntentInput {
  amount: number;
  currency: string;
  captureMethod: CaptureMethod;
  metadata: Record<string, string>;
  description: string | null;
  allowedPaymentMethodTypes: string[] | null;
  automaticPaymentMethods: Stripe.PaymentIntent.AutomaticPaymentMethods | null;
  receiptEmail: string | null;
}

/** A PaymentIntent as the API renders it, with every field stripe-node's type declares. */
/** `created` is the emulator clock's now (Unix seconds). */
export function buildPaymentIntent(
  input: CreatePaymentIntentInput,
  created: number,
): Stripe.PaymentIntent {
  const id = newStripeId('pi');
  return {
    id,
    object: 'payment_intent',
    allowed_payment_method_types: input.allowedPaymentMethodTypes,
    amount: input.amount,
    amount_capturable: 0,
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: input.automaticPaymentMethods,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: input.captureMethod,
    client_secret: newClientSecret(id),
    confirmation_method: 'automatic',
    created,
    currency: input.currency,
    customer: null,
    customer_account: null,
    description: input.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: input.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: input.allowedPaymentMethodTypes ?? ['card'],
    payment_record: null,
    processing: null,
    receipt_email: input.receiptEmail,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'requires_payment_method',
    transfer_group: null,
  };
}

export function buildLastPaymentError(
  outcome: Extract<CardOutcome, { kind: 'decline' }>,
  chargeId: string,
): Stripe.PaymentIntent.LastPaymentError {
  return {
    type: 'card_error',
    code: outcome.code,
    decline_code: outcome.declineCode,
    doc_url: `https://docs.stripe.com/error-codes/${outcome.code.replace(/_/g, '-')}`,
    message: outcome.message,
    charge: chargeId,
    payment_method_type: 'card',
  };
}

export function buildRefund(
  paymentIntent: Stripe.PaymentIntent,
  amount: number,
  reason: Stripe.Refund.Reason | null,
  metadata: Record<string, string>,
  created: number,
): Stripe.Refund {
  return {
    id: newStripeId('re'),
    object: 'refund',
    amount,
    balance_transaction: newStripeId('txn'),
    charge: paymentIntent.latest_charge,
    created,
    currency: paymentIntent.currency,
    customer: null,
    customer_account: null,
    metadata,
    payment_intent: paymentIntent.id,
    payment_method: paymentIntent.payment_method,
    reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
}
