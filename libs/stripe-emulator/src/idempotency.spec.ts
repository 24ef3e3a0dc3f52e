import Stripe from 'stripe';
import { StripeEmulatorControl } from './stripe-emulator.control';
import { startStripeEmulator, type RunningStripeEmulator } from './stripe-emulator.server';

describe('Idempotency-Key semantics', () => {
  let emulator: RunningStripeEmulator;
  let control: StripeEmulatorControl;
  let stripe: Stripe;

  const clientFor = (apiKey: string) =>
    new Stripe(apiKey, {
      host: emulator.host,
      port: emulator.port,
      protocol: 'http',
      maxNetworkRetries: 0,
    });

  const params = (amount = 4200): Stripe.PaymentIntentCreateParams => ({
    amount,
    currency: 'eur',
    payment_method: 'pm_card_visa',
    allowed_payment_method_types: ['card'],
    confirm: true,
    capture_method: 'manual',
    metadata: { order_id: 'order-1' },
  });

  beforeAll(async () => {
    emulator = await startStripeEmulator();
    control = new StripeEmulatorControl(emulator.url);
    stripe = clientFor('sk_test_conveyor');
  });

  afterAll(() => emulator.stop());
  beforeEach(() => control.reset());

  it('replays the first answer for the same key and params, creating one PaymentIntent', async () => {
    const first = await stripe.paymentIntents.create(params(), { idempotencyKey: 'order-1-auth' });
    const second = await stripe.paymentIntents.create(params(), { idempotencyKey: 'order-1-auth' });

    expect(second).toEqual(first);
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    const intents = await control.listPaymentIntents();
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({ id: first.id, idempotencyKey: 'order-1-auth' });
    expect((await control.stats()).idempotentReplays).toBe(1);
  });

  it('replays the saved answer even after the PaymentIntent moved on', async () => {
    const created = await stripe.paymentIntents.create(params(), { idempotencyKey: 'k-moved' });
    await stripe.paymentIntents.capture(created.id, {}, { idempotencyKey: 'k-capture' });
    const replayed = await stripe.paymentIntents.create(params(), { idempotencyKey: 'k-moved' });
    expect(replayed.status).toBe('requires_capture');
  });

  it('replays a decline instead of charging the card again', async () => {
    const declined = { ...params(), payment_method: 'pm_card_chargeDeclined' };
    const attempt = () =>
      stripe.paymentIntents.create(declined, { idempotencyKey: 'k-declined' }).then(
        () => Promise.reject(new Error('expected a decline')),
        (caught: unknown) => caught as Stripe.errors.StripeCardError,
      );
    const first = await attempt();
    const second = await attempt();
    expect(second).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(second.payment_intent?.id).toBe(first.payment_intent?.id);
    expect(await control.listPaymentIntents()).toHaveLength(1);
  });

  it('rejects the same key with different params as an idempotency error', async () => {
    await stripe.paymentIntents.create(params(4200), { idempotencyKey: 'order-2-auth' });
    const error = await stripe.paymentIntents
      .create(params(4300), { idempotencyKey: 'order-2-auth' })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error).toMatchObject({ statusCode: 400, rawType: 'idempotency_error' });
    expect(await control.listPaymentIntents()).toHaveLength(1);
  });

  it('treats the same key on another endpoint as different params', async () => {
    const { id } = await stripe.paymentIntents.create(params(), { idempotencyKey: 'shared' });
    const error = await stripe.paymentIntents
      .capture(id, {}, { idempotencyKey: 'shared' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it('scopes keys to the API key', async () => {
    const mine = await stripe.paymentIntents.create(params(), { idempotencyKey: 'same-key' });
    const theirs = await clientFor('sk_test_other_account').paymentIntents.create(params(), {
      idempotencyKey: 'same-key',
    });
    expect(theirs.id).not.toBe(mine.id);
    expect(await control.listPaymentIntents()).toHaveLength(2);
  });

  it('does not save a request rejected by param validation', async () => {
    const invalid = { ...params(), capture_method: 'later' as 'manual' };
    const error = await stripe.paymentIntents
      .create(invalid, { idempotencyKey: 'k-fixed' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ statusCode: 400, param: 'capture_method' });

    const fixed = await stripe.paymentIntents.create(params(), { idempotencyKey: 'k-fixed' });
    expect(fixed.status).toBe('requires_capture');
  });
});
