import type Stripe from 'stripe';
import { resourceMissing, stateError } from './api.error';
import type { ChargesLedger } from './charges.ledger';
import { latestChargeId } from './payment-intent.rules';
import type { PaymentIntentsService } from './payment-intents.service';
import type { EventPublisher } from './stripe-event.publisher';
import { buildRefund } from './stripe-objects.factory';

export interface CreateRefundInput {
  paymentIntent: string;
  amount?: number;
  reason: Stripe.Refund.Reason | null;
  metadata: Record<string, string>;
}

/** Refunds against a PaymentIntent's captured amount; every refund succeeds at once, as in test mode. */
export class RefundsService {
  private readonly refunds = new Map<string, Stripe.Refund>();

  constructor(
    private readonly paymentIntents: PaymentIntentsService,
    private readonly charges: ChargesLedger,
    private readonly events: EventPublisher,
  ) {}

  create(input: CreateRefundInput, idempotencyKey: string | null): Stripe.Refund {
    const record = this.paymentIntents.recordFor(input.paymentIntent, 'payment_intent');
    const { intent } = record;
    if (intent.status !== 'succeeded') {
      const message = `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`;
      throw stateError('payment_intent_unexpected_state', message, undefined, 'payment_intent');
    }
    const refunded = record.refunds.reduce((sum, entry) => sum + entry.refund.amount, 0);
    const remaining = intent.amount_received - refunded;
    if (remaining <= 0) {
      const charge = typeof intent.latest_charge === 'string' ? intent.latest_charge : intent.id;
      const message = `Charge ${charge} has already been refunded.`;
      throw stateError('charge_already_refunded', message);
    }
    const amount = input.amount ?? remaining;
    if (amount > remaining) {
      const message =
        `Refund amount (${amount} ${intent.currency}) is greater than unrefunded amount ` +
        `on charge (${remaining} ${intent.currency})`;
      throw stateError('amount_too_large', message, undefined, 'amount');
    }
    const created = this.paymentIntents.clock.nowSeconds();
    const refund = buildRefund(intent, amount, input.reason, input.metadata, created);
    // First, as it refuses a disputed charge before anything is recorded.
    this.charges.refund(latestChargeId(intent), amount);
    record.refunds.push({ refund, idempotencyKey });
    this.refunds.set(refund.id, refund);
    this.events.emit('refund.created', refund, intent.id);
    return structuredClone(refund);
  }

  /** Every refund, in creation order. */
  all(): Stripe.Refund[] {
    return [...this.refunds.values()].map((refund) => structuredClone(refund));
  }

  retrieve(id: string): Stripe.Refund {
    const refund = this.refunds.get(id);
    if (!refund) {
      throw resourceMissing('refund', id, 'path');
    }
    return structuredClone(refund);
  }

  clear(): void {
    this.refunds.clear();
  }
}
