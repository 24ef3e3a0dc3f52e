import type Stripe from 'stripe';
import { missingParam, resourceMissing, stateError } from './api.error';
import { attemptCardPayment } from './card-payment.attempt';
import type { ChargesLedger } from './charges.ledger';
import type { EmulatedPaymentIntentView } from './emulator.types';
import {
  assertCardAllowed,
  CANCELABLE,
  CONFIRMABLE,
  latestChargeId,
  assertReturnUrl,
  missingPaymentMethod,
  snapshot,
  unexpectedState,
} from './payment-intent.rules';
import { toPaymentIntentView } from './payment-intent.view';
import type { PaymentMethodsRegistry } from './payment-methods.registry';
import type { EmulatorClock } from './emulator.clock';
import { matchesSearch, MetadataIndex, parseSearchQuery } from './payment-intent.search';
import type { EventPublisher } from './stripe-event.publisher';
import { buildPaymentIntent, type CreatePaymentIntentInput } from './stripe-objects.factory';

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
  private readonly byMetadata = new MetadataIndex();

  constructor(
    private readonly paymentMethods: PaymentMethodsRegistry,
    readonly clock: EmulatorClock,
    private readonly charges: ChargesLedger,
    private readonly events: EventPublisher,
  ) {}

  create(
    input: CreatePaymentIntentInput,
    attach: AttachInput,
    idempotencyKey: string | null,
  ): Stripe.PaymentIntent {
    const method = attach.paymentMethod ? this.paymentMethods.resolve(attach.paymentMethod) : null;
    if (attach.confirm && !method) {
      throw missingParam('payment_method');
    }
    const intent = buildPaymentIntent(input, this.clock.nowSeconds());
    if (method) {
      assertCardAllowed(intent);
      intent.payment_method = method.id;
      intent.status = 'requires_confirmation';
    }
    if (attach.confirm) {
      assertReturnUrl(intent, attach.returnUrl);
    }
    this.records.set(intent.id, { intent, captureCount: 0, refunds: [], idempotencyKey });
    this.byMetadata.add(intent);
    this.events.emit('payment_intent.created', intent, intent.id);
    if (attach.confirm && method) {
      attemptCardPayment(intent, method, { charges: this.charges, events: this.events });
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
    attemptCardPayment(intent, method, { charges: this.charges, events: this.events });
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
    this.charges.capture(latestChargeId(intent), amount);
    this.events.emit('payment_intent.succeeded', intent, intent.id);
    return snapshot(intent);
  }

  cancel(id: string, reason: Stripe.PaymentIntent.CancellationReason | null): Stripe.PaymentIntent {
    const { intent } = this.require(id);
    if (!CANCELABLE.includes(intent.status)) {
      throw unexpectedState(intent, 'canceled', CANCELABLE);
    }
    intent.status = 'canceled';
    intent.canceled_at = this.clock.nowSeconds();
    intent.cancellation_reason = reason;
    intent.amount_capturable = 0;
    this.events.emit('payment_intent.canceled', intent, intent.id);
    return snapshot(intent);
  }

  /**
   * An authorization lapses unseen, as Stripe's do after 7 days. Since API version 2025-03-31 the
   * cancellation_reason of an expired authorization is `expired` (it was `automatic` before).
   */
  expire(id: string): Stripe.PaymentIntent {
    const { intent } = this.require(id);
    if (intent.status !== 'requires_capture') {
      const message =
        `This PaymentIntent could not expire because it has a status of ${intent.status}. ` +
        'Only an authorization (status requires_capture) expires.';
      throw stateError('payment_intent_unexpected_state', message, snapshot(intent));
    }
    intent.status = 'canceled';
    intent.canceled_at = this.clock.nowSeconds();
    intent.cancellation_reason = 'expired';
    intent.amount_capturable = 0;
    this.charges.expire(latestChargeId(intent));
    this.events.emit('payment_intent.canceled', intent, intent.id);
    return snapshot(intent);
  }

  /** Stripe's search (`metadata['order_id']:'…' AND status:'…'`), newest first. */
  search(query: string, limit: number): Stripe.PaymentIntent[] {
    const clauses = parseSearchQuery(query);
    const ids = this.byMetadata.candidates(clauses);
    const intents = ids
      ? ids.map((id) => this.require(id).intent)
      : [...this.records.values()].map(({ intent }) => intent);
    return intents
      .filter((intent) => matchesSearch(intent, clauses))
      .sort((a, b) => b.created - a.created)
      .slice(0, limit)
      .map(snapshot);
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
    this.byMetadata.clear();
  }

  private require(id: string): PaymentIntentRecord {
    const record = this.records.get(id);
    if (!record) {
      throw resourceMissing('payment_intent', id, 'path');
    }
    return record;
  }
}
