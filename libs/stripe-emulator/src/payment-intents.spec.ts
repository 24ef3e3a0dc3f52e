import Stripe from 'stripe';
import { sdkFor, useStripeEmulator } from './stripe-emulator-spec.fixture';

describe('PaymentIntents through the stripe SDK', () => {
  const context = useStripeEmulator();

  const authorize = (paymentMethod = 'pm_card_visa', amount = 2599) =>
    context.stripe.paymentIntents.create({
      amount,
      currency: 'eur',
      payment_method: paymentMethod,
      allowed_payment_method_types: ['card'],
      confirm: true,
      capture_method: 'manual',
      metadata: { order_id: 'a7c1e0c2-5b0a-4a4c-9d58-2f6f2b7d9c11' },
      description: 'Order 42',
    });

  it('authorizes with manual capture, then captures', async () => {
    const authorized = await authorize();
    expect(authorized).toMatchObject({
      object: 'payment_intent',
      status: 'requires_capture',
      amount: 2599,
      amount_capturable: 2599,
      amount_received: 0,
      currency: 'eur',
      capture_method: 'manual',
      livemode: false,
      metadata: { order_id: 'a7c1e0c2-5b0a-4a4c-9d58-2f6f2b7d9c11' },
      description: 'Order 42',
    });
    expect(authorized.id).toMatch(/^pi_\w{24}$/);
    expect(authorized.client_secret).toMatch(new RegExp(`^${authorized.id}_secret_`));
    expect(authorized.latest_charge).toMatch(/^ch_/);
    expect(authorized.payment_method).toMatch(/^pm_\w{24}$/);

    const captured = await context.stripe.paymentIntents.capture(authorized.id, {
      amount_to_capture: 2000,
    });
    expect(captured).toMatchObject({
      status: 'succeeded',
      amount_received: 2000,
      amount_capturable: 0,
    });
    expect(await context.stripe.paymentIntents.retrieve(authorized.id)).toEqual(captured);

    const [view] = await context.control.listPaymentIntents();
    expect(view).toMatchObject({ id: authorized.id, status: 'succeeded', captureCount: 1 });
  });

  it('charges at once with automatic capture', async () => {
    const intent = await context.stripe.paymentIntents.create({
      amount: 1250,
      currency: 'usd',
      payment_method: 'pm_card_mastercard',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      confirm: true,
    });
    expect(intent).toMatchObject({
      status: 'succeeded',
      amount_received: 1250,
      capture_method: 'automatic_async',
    });
  });

  it('leaves an unconfirmed PaymentIntent awaiting confirmation, and confirms it later', async () => {
    const intent = await context.stripe.paymentIntents.create({
      amount: 500,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      allowed_payment_method_types: ['card'],
    });
    expect(intent.status).toBe('requires_confirmation');
    const confirmed = await context.stripe.paymentIntents.confirm(intent.id);
    expect(confirmed.status).toBe('succeeded');
  });

  it.each([
    ['pm_card_chargeDeclined', 'generic_decline'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
  ])('declines %s as a StripeCardError with decline_code %s', async (card, declineCode) => {
    const error = await authorize(card).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    const cardError = error as Stripe.errors.StripeCardError;
    expect(cardError).toMatchObject({
      statusCode: 402,
      code: 'card_declined',
      decline_code: declineCode,
    });
    expect(cardError.payment_intent).toMatchObject({
      status: 'requires_payment_method',
      last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: declineCode },
    });
    const [view] = await context.control.listPaymentIntents();
    expect(view).toMatchObject({ status: 'requires_payment_method', captureCount: 0 });
  });

  it('cannot capture twice: the second capture is an unexpected-state error', async () => {
    const { id } = await authorize();
    await context.stripe.paymentIntents.capture(id);
    const error = await context.stripe.paymentIntents
      .capture(id)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
    const [view] = await context.control.listPaymentIntents();
    expect(view).toMatchObject({ captureCount: 1, amount_received: 2599 });
  });

  it('cancels an authorization, but not a succeeded PaymentIntent', async () => {
    const { id } = await authorize();
    const canceled = await context.stripe.paymentIntents.cancel(id, {
      cancellation_reason: 'abandoned',
    });
    expect(canceled).toMatchObject({
      status: 'canceled',
      cancellation_reason: 'abandoned',
      amount_capturable: 0,
    });
    expect(canceled.canceled_at).toEqual(expect.any(Number));

    const captured = await authorize();
    await context.stripe.paymentIntents.capture(captured.id);
    const error = await context.stripe.paymentIntents
      .cancel(captured.id)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
  });

  it('answers Stripe errors for unknown objects and invalid params', async () => {
    const missing = await context.stripe.paymentIntents
      .retrieve('pi_missing')
      .catch((caught: unknown) => caught);
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing' });

    const unknownCard = await authorize('pm_card_nope').catch((caught: unknown) => caught);
    expect(unknownCard).toMatchObject({
      statusCode: 400,
      code: 'resource_missing',
      param: 'payment_method',
    });

    const negative = await authorize('pm_card_visa', -5).catch((caught: unknown) => caught);
    expect(negative).toMatchObject({ statusCode: 400, param: 'amount' });

    // API version 2026-10-28 renamed payment_method_types to allowed_payment_method_types.
    const legacy = { amount: 100, currency: 'usd', payment_method_types: ['card'] };
    const unknown = await context.stripe.paymentIntents
      .create(legacy as Stripe.PaymentIntentCreateParams)
      .catch((caught: unknown) => caught);
    expect(unknown).toMatchObject({ code: 'parameter_unknown', param: 'payment_method_types' });
    expect(await context.control.listPaymentIntents()).toEqual([]);
  });

  it('requires a return_url when confirming with redirect-capable automatic payment methods', async () => {
    const params = { amount: 900, currency: 'usd', payment_method: 'pm_card_visa', confirm: true };
    const error = await context.stripe.paymentIntents
      .create(params)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ statusCode: 400, param: 'return_url' });
  });

  it('rejects requests without a test secret key', async () => {
    const stranger = sdkFor(context.emulator, 'sk_live_nope', { maxNetworkRetries: 2 });
    const error = await stranger.paymentIntents.retrieve('pi_x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });
});
