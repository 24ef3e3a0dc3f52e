import Stripe from 'stripe';
import { useStripeEmulatorWithWebhooks } from './stripe-emulator-spec.fixture';
import { eventually, paymentIntentOf } from './webhook-receiver.fixture';
import { stripeSignatureHeader } from './webhook.signature';

describe('webhook signatures', () => {
  const context = useStripeEmulatorWithWebhooks();

  const firstDelivery = async () => {
    const intent = await context.stripe.paymentIntents.create({
      amount: 700,
      currency: 'usd',
      allowed_payment_method_types: ['card'],
      metadata: { order_id: 'order-signed' },
    });
    const [received] = await eventually(
      () => context.receiver.received.filter(({ event }) => paymentIntentOf(event) === intent.id),
      (deliveries) => deliveries.length === 1,
      'the payment_intent.created webhook',
    );
    return received;
  };

  it('signs so that the official SDK verifies, and a changed body fails', async () => {
    const { rawBody, signature, event } = await firstDelivery();
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const secret = context.receiver.secret;
    expect(Stripe.webhooks.constructEvent(rawBody, signature, secret)).toEqual(event);

    const tampered = rawBody.replace('"amount": 700', '"amount": 1');
    expect(tampered).not.toBe(rawBody);
    expect(() => Stripe.webhooks.constructEvent(tampered, signature, secret)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    expect(() => Stripe.webhooks.constructEvent(rawBody, signature, 'whsec_other')).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    expect(context.receiver.rejected).toEqual([]);
  });

  it('signs with the real clock while the event carries the emulator clock, a day ahead', async () => {
    const { now } = await context.control.advanceClock(25 * 60 * 60);
    const { event, signature } = await firstDelivery();
    expect(event.created).toBeGreaterThanOrEqual(now);
    const signedAt = Number(/^t=(\d+)/.exec(signature)?.[1]);
    expect(Math.abs(signedAt - Date.now() / 1000)).toBeLessThan(300);
  });

  it('makes the header stripe-node makes for the same payload, secret and time', () => {
    const payload = JSON.stringify({ id: 'evt_1', object: 'event' });
    const timestamp = 1_700_000_000;
    const secret = 'whsec_test';
    expect(stripeSignatureHeader(payload, secret, timestamp)).toBe(
      Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp }),
    );
  });
});
