import type Stripe from 'stripe';
import { cardError } from './api.error';
import type { ChargesLedger } from './charges.ledger';
import { snapshot } from './payment-intent.rules';
import type { ResolvedPaymentMethod } from './payment-methods.registry';
import type { EventPublisher } from './stripe-event.publisher';
import { newStripeId } from './stripe-id.generator';
import { buildLastPaymentError } from './stripe-objects.factory';

export interface CardPaymentDeps {
  charges: ChargesLedger;
  events: EventPublisher;
}

/**
 * Charges the card of a confirmed PaymentIntent. A decline leaves the PaymentIntent awaiting a new
 * payment method and throws the card error; a success authorizes (manual capture) or captures.
 * The charge's event comes first, then the PaymentIntent's, as both change in that order.
 */
export function attemptCardPayment(
  intent: Stripe.PaymentIntent,
  method: ResolvedPaymentMethod,
  deps: CardPaymentDeps,
): void {
  const chargeId = newStripeId('ch');
  intent.latest_charge = chargeId;
  const { outcome } = method.card;
  if (outcome.kind === 'decline') {
    deps.charges.attempt(chargeId, intent, {
      kind: 'failed',
      code: outcome.code,
      message: outcome.message,
    });
    intent.status = 'requires_payment_method';
    intent.payment_method = null;
    intent.last_payment_error = buildLastPaymentError(outcome, chargeId);
    deps.events.emit('payment_intent.payment_failed', intent, intent.id);
    throw cardError(intent.last_payment_error, snapshot(intent));
  }
  intent.last_payment_error = null;
  const manual = intent.capture_method === 'manual';
  deps.charges.attempt(chargeId, intent, { kind: 'succeeded', captured: !manual });
  if (manual) {
    intent.status = 'requires_capture';
    intent.amount_capturable = intent.amount;
    deps.events.emit('payment_intent.amount_capturable_updated', intent, intent.id);
  } else {
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
    deps.events.emit('payment_intent.succeeded', intent, intent.id);
  }
}
