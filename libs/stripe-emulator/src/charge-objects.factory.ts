import type Stripe from 'stripe';
import { newStripeId } from './stripe-id.generator';

/**
 * The Charge a card payment attempt makes, with the fields webhook consumers read. The emulator
 * serves no /v1/charges endpoint: charges reach clients only as `latest_charge` ids and in events.
 */
export interface EmulatedCharge {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  captured: boolean;
  refunded: boolean;
  disputed: boolean;
  currency: string;
  payment_intent: string;
  payment_method: string | null;
  metadata: Record<string, string>;
  status: 'succeeded' | 'failed';
  failure_code: string | null;
  failure_message: string | null;
  livemode: false;
  created: number;
}

export const DISPUTE_REASONS = [
  'bank_cannot_process',
  'check_returned',
  'credit_not_processed',
  'customer_initiated',
  'debit_not_authorized',
  'duplicate',
  'fraudulent',
  'general',
  'incorrect_account_details',
  'insufficient_funds',
  'noncompliant',
  'product_not_received',
  'product_unacceptable',
  'subscription_canceled',
  'unrecognized',
] as const;

export type DisputeReason = (typeof DISPUTE_REASONS)[number];

export interface EmulatedDispute {
  id: string;
  object: 'dispute';
  amount: number;
  currency: string;
  charge: string;
  payment_intent: string;
  reason: DisputeReason;
  status: 'needs_response';
  is_charge_refundable: boolean;
  metadata: Record<string, string>;
  livemode: false;
  created: number;
}

export type AttemptResult =
  { kind: 'succeeded'; captured: boolean } | { kind: 'failed'; code: string; message: string };

/** A charge for the PaymentIntent's whole amount; `metadata` is the PaymentIntent's, as Stripe copies it. */
export function buildCharge(
  id: string,
  intent: Stripe.PaymentIntent,
  result: AttemptResult,
  created: number,
): EmulatedCharge {
  const captured = result.kind === 'succeeded' && result.captured;
  return {
    id,
    object: 'charge',
    amount: intent.amount,
    amount_captured: captured ? intent.amount : 0,
    amount_refunded: 0,
    captured,
    refunded: false,
    disputed: false,
    currency: intent.currency,
    payment_intent: intent.id,
    payment_method: typeof intent.payment_method === 'string' ? intent.payment_method : null,
    metadata: { ...intent.metadata },
    status: result.kind,
    failure_code: result.kind === 'failed' ? result.code : null,
    failure_message: result.kind === 'failed' ? result.message : null,
    livemode: false,
    created,
  };
}

export function buildDispute(
  charge: EmulatedCharge,
  input: { reason: DisputeReason; amount: number },
  created: number,
): EmulatedDispute {
  return {
    id: newStripeId('dp'),
    object: 'dispute',
    amount: input.amount,
    currency: charge.currency,
    charge: charge.id,
    payment_intent: charge.payment_intent,
    reason: input.reason,
    status: 'needs_response',
    is_charge_refundable: false,
    metadata: {},
    livemode: false,
    created,
  };
}
