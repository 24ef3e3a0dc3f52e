import type Stripe from 'stripe';
import { cardError, missingParam, resourceMissing, stateError } from './api.error';
import type { EmulatedPaymentIntentView } from './emulator.types';
import {
  assertCardAllowed,
  CANCELABLE,
  CONFIRMABLE,
  assertReturnUrl,
  missingPaymentMethod,
  snapshot,
  unexpectedState,
} from './payment-intent.rules';
import { toPaymentIntentView } from './payment-intent.view';
import type { PaymentMethodsRegistry, ResolvedPaymentMethod } from './payment-methods.registry';
import { newStripeId, nowEpochSeconds } from './stripe-id.generator';
import {
  buildLastPaymentError,
  buildPaymentIntent,
  type CreatePaymentIntentInput,
} from './stripe-objects.factory';

export interface RefundEntry {
  refund: Stripe.Refund;
  idempotencyKey: string | null;
}

export interface PaymentIntentRecord {
  intent: Stripe.PaymentIntent;
  captureCount: number;
  refunds: RefundEntry[];
  idempotencyKey: string | null;
}

export interface ConfirmInput {
  paymentMethod?: string;
  returnUrl?: string;
}

export interface AttachInput extends ConfirmInput {
  confirm: boolean;
}

/** The PaymentIntent state machine for card payments with Stripe's test PaymentMethods. */
export class PaymentIntentsService {
  private readonly records = new Map<string, PaymentIntentRecord>();

  constructor(private readonly paymentMethods: PaymentMethodsRegistry) {}

  create(
    input: CreatePaymentIntentInput,
    attach: AttachInput,
    idempotencyKey: string | null,
  ): Stripe.PaymentIntent {
    const method = attach.paymentMethod ? this.paymentMethods.resolve(attach.paymentMethod) : null;
    if (attach.confirm && !method) {
      throw missingParam('payment_method');
    }
    const intent = buildPaymentIntent(input);
    if (method) {
      assertCardAllowed(intent);
      intent.payment_method = method.id;
      intent.status = 'requires_confirmation';
    }
    if (attach.confirm) {
      assertReturnUrl(intent, attach.returnUrl);
    }
    this.records.set(intent.id, { intent, captureCount: 0, refunds: [], idempotencyKey });
    if (attach.confirm && method) {
      this.attemptPayment(intent, method);
    }
    return snapshot(intent);
  }

  retrieve(id: string): Stripe.PaymentIntent {
    return snapshot(this.require(id).intent);
  }

  confirm(id: string, input: ConfirmInput): Stripe.PaymentIntent {
    const { intent } = this.require(id);
    if (!CONFIRMABLE.includes(intent.status)) {
      throw unexpectedState(intent, 'confirmed', CONFIRMABLE);
    }
    const methodId = input.paymentMethod ?? intent.payment_method;
    if (typeof methodId !== 'string') {
      throw missingPaymentMethod(intent);
    }
    const method = this.paymentMethods.resolve(methodId);
    assertCardAllowed(intent);
    assertReturnUrl(intent, input.returnUrl);
    intent.payment_method = method.id;
    this.attemptPayment(intent, method);
    return snapshot(intent);
  }

  capture(id: string, amountToCapture: number | undefined): Stripe.PaymentIntent {
    const record = this.require(id);
    const { intent } = record;
    if (intent.status !== 'requires_capture') {
      throw unexpectedState(intent, 'captured', ['requires_capture']);
    }
    const amount = amountToCapture ?? intent.amount_capturable;
    if (amount > intent.amount_capturable) {
      const message = `The amount to capture (${amount}) is greater than the amount capturable (${intent.amount_capturable}).`;
      throw stateError('amount_too_large', message, snapshot(intent), 'amount_to_capture');
    }
    intent.status = 'succeeded';
    intent.amount_received = amount;
    intent.amount_capturable = 0;
    record.captureCount += 1;
    return snapshot(intent);
  }

  cancel(id: string, reason: Stripe.PaymentIntent.CancellationReason | null): Stripe.PaymentIntent {
    const { intent } = this.require(id);
    if (!CANCELABLE.includes(intent.status)) {
      throw unexpectedState(intent, 'canceled', CANCELABLE);
    }
    intent.status = 'canceled';
    intent.canceled_at = nowEpochSeconds();
    intent.cancellation_reason = reason;
    intent.amount_capturable = 0;
    return snapshot(intent);
  }

  /** The live record of a PaymentIntent named in another resource's params (a refund's). */
  recordFor(id: string, param: string): PaymentIntentRecord {
    const record = this.records.get(id);
    if (!record) {
      throw resourceMissing('payment_intent', id, { param });
    }
    return record;
  }

  /** Every PaymentIntent as the API shows it, in creation order. */
  all(): Stripe.PaymentIntent[] {
    return [...this.records.values()].map(({ intent }) => snapshot(intent));
  }

  list(): EmulatedPaymentIntentView[] {
    return [...this.records.values()].map(toPaymentIntentView);
  }

  clear(): void {
    this.records.clear();
  }

  private require(id: string): PaymentIntentRecord {
    const record = this.records.get(id);
    if (!record) {
      throw resourceMissing('payment_intent', id, 'path');
    }
    return record;
  }

  /** Charges the card; a decline leaves the PaymentIntent awaiting a new payment method. */
  private attemptPayment(intent: Stripe.PaymentIntent, method: ResolvedPaymentMethod): void {
    const chargeId = newStripeId('ch');
    intent.latest_charge = chargeId;
    const { outcome } = method.card;
    if (outcome.kind === 'decline') {
      intent.status = 'requires_payment_method';
      intent.payment_method = null;
      intent.last_payment_error = buildLastPaymentError(outcome, chargeId);
      throw cardError(intent.last_payment_error, snapshot(intent));
    }
    intent.last_payment_error = null;
    if (intent.capture_method === 'manual') {
      intent.status = 'requires_capture';
      intent.amount_capturable = intent.amount;
    } else {
      intent.status = 'succeeded';
      intent.amount_received = intent.amount;
    }
  }
}
