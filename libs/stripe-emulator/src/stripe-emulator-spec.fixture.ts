import Stripe from 'stripe';
import { StripeEmulatorControl } from './stripe-emulator.control';
import { startStripeEmulator, type RunningStripeEmulator } from './stripe-emulator.server';
import { WebhookReceiver } from './webhook-receiver.fixture';

/** The official SDK pointed at a running emulator, as the payment worker points it. */
export function sdkFor(
  emulator: RunningStripeEmulator,
  apiKey = 'sk_test_conveyor',
  options: Stripe.StripeConfig = {},
): Stripe {
  return new Stripe(apiKey, {
    host: emulator.host,
    port: emulator.port,
    protocol: 'http',
    maxNetworkRetries: 0,
    ...options,
  });
}

/** A 19.99 EUR authorization with manual capture under `idempotencyKey` (also its order id). */
export function authorizeWithKey(stripe: Stripe, idempotencyKey: string) {
  return stripe.paymentIntents.create(
    {
      amount: 1999,
      currency: 'eur',
      payment_method: 'pm_card_visa',
      allowed_payment_method_types: ['card'],
      confirm: true,
      capture_method: 'manual',
      metadata: { order_id: idempotencyKey },
    },
    { idempotencyKey },
  );
}

export interface EmulatorSpecContext {
  emulator: RunningStripeEmulator;
  control: StripeEmulatorControl;
  stripe: Stripe;
}

/** One emulator for the spec file, its state reset before each test. */
export function useStripeEmulator(): EmulatorSpecContext {
  const context = {} as EmulatorSpecContext;
  beforeAll(async () => {
    context.emulator = await startStripeEmulator();
    context.control = new StripeEmulatorControl(context.emulator.url);
    context.stripe = sdkFor(context.emulator);
  });
  afterAll(() => context.emulator.stop());
  beforeEach(() => context.control.reset());
  return context;
}

export interface WebhookSpecContext extends EmulatorSpecContext {
  receiver: WebhookReceiver;
}

/** Fast retries, so a test of retries and give-ups takes well under a second of them. */
export const SPEC_WEBHOOK_DELIVERY = { maxAttempts: 4, firstRetryDelayMs: 20, maxRetryDelayMs: 80 };

/**
 * One emulator for the spec file that sends its webhooks to a receiver of the test's own, both
 * reset before each test. Tests look only at their own PaymentIntents' events.
 */
export function useStripeEmulatorWithWebhooks(): WebhookSpecContext {
  const context = {} as WebhookSpecContext;
  beforeAll(async () => {
    context.receiver = await new WebhookReceiver().start();
    const { url, secret } = context.receiver;
    context.emulator = await startStripeEmulator({
      webhook: { url, secret },
      webhookDelivery: SPEC_WEBHOOK_DELIVERY,
    });
    context.control = new StripeEmulatorControl(context.emulator.url);
    context.stripe = sdkFor(context.emulator);
  });
  afterAll(async () => {
    await context.emulator.stop();
    await context.receiver.stop();
  });
  beforeEach(async () => {
    await context.control.reset();
    context.receiver.clear();
  });
  return context;
}
