import type Stripe from 'stripe';
import { MetricsService } from '@conveyor/observability';
import {
  StripeEmulatorControl,
  startStripeEmulator,
  type EmulatedPaymentIntentView,
  type RunningStripeEmulator,
} from '@conveyor/stripe-emulator';
import {
  HandlerSpec,
  SPEC_KEYRINGS,
  SPEC_SHIPPING_ADDRESS,
  envelopeOf,
  newOrderId,
  sealedAddressFor,
  sealedPaymentMethodFor,
  useHandlerSpec,
} from '@conveyor/testing';
import { paymentsDatabase } from '../database/payments.database';
import { createStripeClient } from '../stripe/stripe-client.factory';
import { StripePaymentGateway } from '../stripe/stripe-payment.gateway';
import { StripeCallMetrics } from '../stripe/stripe-call.metrics';
import { AuthorizePaymentHandler } from './authorize-payment/authorize-payment.handler';
import { PaymentMethodOpener } from './authorize-payment/payment-method.opener';
import type { PaymentStatus } from './payment.entity';

/** Spec-only helpers shared by the payment worker's handler specs. */

export const TOTAL_CENTS = 2599;
export const SHIPMENT = { carrier: 'CONVEYOR-POST', trackingNumber: 'CP-SPEC-1' };

/** The payments schema and an in-process Stripe emulator, reached through the official SDK. */
export class PaymentSpec extends HandlerSpec<'payment-worker'> {
  stripe: Stripe;
  control: StripeEmulatorControl;
  gateway: StripePaymentGateway;
  /** The registry the gateway's Stripe call metrics go to. */
  metrics: MetricsService;
  private emulator?: RunningStripeEmulator;

  constructor() {
    super('payment-worker', paymentsDatabase);
  }

  override async open(): Promise<void> {
    await super.open();
    this.emulator = await startStripeEmulator();
    this.stripe = createStripeClient({ secretKey: 'sk_test_spec', apiBaseUrl: this.emulator.url });
    this.control = new StripeEmulatorControl(this.emulator.url);
    this.metrics = new MetricsService({ serviceName: 'payment-worker', logLevel: 'silent' });
    this.gateway = new StripePaymentGateway(this.stripe, new StripeCallMetrics(this.metrics));
  }

  /** Also forgets every PaymentIntent, saved idempotent answer, fault and request count. */
  override async reset(): Promise<void> {
    await super.reset();
    await this.control.reset();
  }

  override async close(): Promise<void> {
    await this.emulator?.stop();
    await super.close();
  }

  /** The order's payments row, or undefined when it has none. */
  paymentOf(orderId: string) {
    return this.first(
      `SELECT status, payment_intent_id AS "paymentIntentId", amount_cents::int AS "amountCents",
              failure_reason AS "failureReason"
       FROM payments.payments WHERE order_id = $1`,
      [orderId],
    );
  }

  async seedPayment(
    orderId: string,
    status: PaymentStatus,
    fields: { paymentIntentId?: string; failureReason?: string } = {},
  ): Promise<void> {
    await this.insert('payments.payments', {
      order_id: orderId,
      status,
      amount_cents: TOTAL_CENTS,
      currency: 'EUR',
      payment_intent_id: fields.paymentIntentId ?? null,
      failure_reason: fields.failureReason ?? null,
    });
  }

  /** A new order authorized at Stripe (with the worker's own idempotency key) and recorded so. */
  async seedAuthorizedOrder(): Promise<{ orderId: string; paymentIntentId: string }> {
    const orderId = newOrderId();
    const paymentIntentId = await this.authorizeAtStripe(orderId);
    await this.seedPayment(orderId, 'AUTHORIZED', { paymentIntentId });
    return { orderId, paymentIntentId };
  }

  /** Authorizes the order's total at Stripe as the worker would, and nothing else. */
  async authorizeAtStripe(orderId: string): Promise<string> {
    const result = await this.gateway.authorize({
      orderId,
      customerId: authorizationRequest(orderId).payload.customerId,
      amountCents: TOTAL_CENTS,
      currency: 'EUR',
      paymentMethod: 'pm_card_visa',
    });
    if (result.outcome !== 'authorized') throw new Error(`spec card declined: ${result.reason}`);
    return result.paymentIntentId;
  }

  /** The PaymentIntents Stripe holds, as the emulator's control API shows them. */
  intents(): Promise<EmulatedPaymentIntentView[]> {
    return this.control.listPaymentIntents();
  }

  /** How often Stripe was asked `route`, e.g. `POST /v1/payment_intents/:id/capture`. */
  async stripeCalls(route: string): Promise<number> {
    return (await this.control.stats()).requests[route] ?? 0;
  }

  /** Makes every Stripe request fail with `status` until `work` is done. */
  async whileStripeFails<T>(status: number, work: () => Promise<T>): Promise<T> {
    await this.control.setFaults({ errorRate: 1, errorStatuses: [status] });
    try {
      return await work();
    } finally {
      await this.control.setFaults({});
    }
  }

  /** A new order whose card was declined. */
  async seedDeclinedOrder(): Promise<string> {
    const orderId = newOrderId();
    await this.seedPayment(orderId, 'DECLINED', {
      failureReason: 'card_declined: generic_decline',
    });
    return orderId;
  }

  /** A refused or failed request leaves the payment in `status` and commits nothing. */
  async expectUntouched(orderId: string, status: PaymentStatus): Promise<void> {
    expect(await this.paymentOf(orderId)).toMatchObject({ status });
    await this.expectNothingCommitted();
  }

  /** The order ends VOIDED, no authorization of its own still standing, and announces nothing. */
  async expectCancelledUncharged(orderId: string): Promise<void> {
    expect(await this.paymentOf(orderId)).toMatchObject({
      status: 'VOIDED',
      paymentIntentId: null,
    });
    const standing = (await this.intents()).filter((intent) => intent.status !== 'canceled');
    expect(standing).toEqual([]);
    expect(await this.outbox()).toEqual([]);
  }
}

export function usePaymentSpec(): PaymentSpec {
  return useHandlerSpec(new PaymentSpec());
}

export function authorizeHandler(spec: PaymentSpec, gateway = spec.gateway) {
  return new AuthorizePaymentHandler(
    spec.dataSource,
    spec.messaging,
    gateway,
    spec.failpoints,
    new PaymentMethodOpener(SPEC_KEYRINGS.payment),
  );
}

/**
 * An authorization request as the order API sends it: the payment method sealed for this worker,
 * the address for the shipping worker. `sealedPaymentMethod` replaces the sealed field as given.
 */
export function authorizationRequest(
  orderId: string,
  paymentMethod = 'pm_card_visa',
  sealedPaymentMethod?: string,
) {
  return envelopeOf('payment.authorization-requested', orderId, {
    customerId: 'customer-spec',
    paymentMethod: sealedPaymentMethod ?? sealedPaymentMethodFor(orderId, paymentMethod),
    totalCents: TOTAL_CENTS,
    currency: 'EUR',
    items: [{ sku: 'MUG', quantity: 2 }],
    shippingAddress: sealedAddressFor(orderId, SPEC_SHIPPING_ADDRESS),
  });
}

export function captureRequest(orderId: string) {
  return envelopeOf('payment.capture-requested', orderId, { shipment: SHIPMENT });
}

export function voidRequest(orderId: string, reason: 'OUT_OF_STOCK' | 'CANCELLED' = 'CANCELLED') {
  return envelopeOf('payment.void-requested', orderId, { reason });
}
