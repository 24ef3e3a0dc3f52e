import type Stripe from 'stripe';
import { invalidParam, resourceMissing, stateError } from './api.error';
import {
  buildCharge,
  buildDispute,
  type AttemptResult,
  type DisputeReason,
  type EmulatedCharge,
  type EmulatedDispute,
} from './charge-objects.factory';
import type { EmulatorClock } from './emulator.clock';
import type { EmulatedEventType, EventPublisher } from './stripe-event.publisher';

export interface DisputeInput {
  reason: DisputeReason;
  /** Defaults to the captured amount. */
  amount?: number;
}

/**
 * The charges behind PaymentIntents and what happens to them: capture, refunds, a dispute. Each
 * change emits its `charge.*` event with the charge as it is after the change.
 */
export class ChargesLedger {
  private readonly charges = new Map<string, EmulatedCharge>();
  private readonly disputes = new Map<string, EmulatedDispute>();

  constructor(
    private readonly events: EventPublisher,
    private readonly clock: EmulatorClock,
  ) {}

  /** A card payment attempt: charge.succeeded (authorized or captured) or charge.failed. */
  attempt(id: string, intent: Stripe.PaymentIntent, result: AttemptResult): void {
    const charge = buildCharge(id, intent, result, this.clock.nowSeconds());
    this.charges.set(id, charge);
    this.emit(result.kind === 'succeeded' ? 'charge.succeeded' : 'charge.failed', charge);
  }

  capture(id: string, amount: number): void {
    const charge = this.require(id);
    charge.captured = true;
    charge.amount_captured = amount;
    this.emit('charge.captured', charge);
  }

  /**
   * An authorization that was never captured lapses. Since API version 2025-03-31 this is no
   * refund: the charge keeps amount_refunded 0, and Stripe sends charge.expired.
   */
  expire(id: string): void {
    this.emit('charge.expired', this.require(id));
  }

  /** A refund through /v1/refunds; `amount_refunded` adds up across refunds. */
  refund(id: string, amount: number): void {
    const charge = this.require(id);
    if (charge.disputed) {
      throw stateError(
        'charge_disputed',
        `Charge ${id} has been charged back; cannot issue a refund.`,
      );
    }
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded >= charge.amount_captured;
    this.emit('charge.refunded', charge);
  }

  /** The cardholder disputes a captured charge (once, as Stripe allows): charge.dispute.created. */
  dispute(id: string, input: DisputeInput): EmulatedDispute {
    const charge = this.require(id);
    if (!charge.captured) {
      const message = `Charge ${id} has not been captured; only a captured charge can be disputed.`;
      throw stateError('charge_not_captured', message);
    }
    if (this.disputes.has(id)) {
      throw stateError('charge_disputed', `Charge ${id} has already been disputed.`);
    }
    const amount = input.amount ?? charge.amount_captured;
    if (amount > charge.amount_captured) {
      const message = `The dispute amount (${amount}) is greater than the amount captured (${charge.amount_captured}).`;
      throw invalidParam('amount', message);
    }
    const dispute = buildDispute(charge, { reason: input.reason, amount }, this.clock.nowSeconds());
    charge.disputed = true;
    this.disputes.set(id, dispute);
    this.events.emit('charge.dispute.created', dispute, charge.payment_intent);
    return structuredClone(dispute);
  }

  clear(): void {
    this.charges.clear();
    this.disputes.clear();
  }

  private require(id: string): EmulatedCharge {
    const charge = this.charges.get(id);
    if (!charge) {
      throw resourceMissing('charge', id, 'path');
    }
    return charge;
  }

  private emit(type: EmulatedEventType, charge: EmulatedCharge): void {
    this.events.emit(type, charge, charge.payment_intent);
  }
}
