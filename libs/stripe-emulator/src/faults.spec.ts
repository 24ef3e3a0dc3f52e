import Stripe from 'stripe';
import { StripeEmulatorControl } from './stripe-emulator.control';
import { startStripeEmulator, type RunningStripeEmulator } from './stripe-emulator.server';

describe('fault injection', () => {
  let emulator: RunningStripeEmulator;
  let control: StripeEmulatorControl;
  let stripe: Stripe;

  const authorize = (idempotencyKey: string) =>
    stripe.paymentIntents.create(
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

  beforeAll(async () => {
    emulator = await startStripeEmulator();
    control = new StripeEmulatorControl(emulator.url);
    stripe = new Stripe('sk_test_conveyor', {
      host: emulator.host,
      port: emulator.port,
      protocol: 'http',
      maxNetworkRetries: 0,
    });
  });

  afterAll(() => emulator.stop());
  beforeEach(() => control.reset());

  it('fails with a 500 before any work; a retry with the same key succeeds once', async () => {
    await control.setFaults({ errorRate: 1, errorStatuses: [500] });
    const error = await authorize('order-500').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(error).toMatchObject({ statusCode: 500, rawType: 'api_error' });
    expect(await control.listPaymentIntents()).toEqual([]);

    await control.setFaults({});
    const retried = await authorize('order-500');
    const again = await authorize('order-500');
    expect(again.id).toBe(retried.id);
    expect(await control.listPaymentIntents()).toHaveLength(1);
    expect((await control.stats()).faults.errors).toEqual({ 500: 1 });
  });

  it('answers 429 as a rate-limit error with Retry-After', async () => {
    await control.setFaults({ errorRate: 1, errorStatuses: [429] });
    const error = await authorize('order-429').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(error).toMatchObject({ statusCode: 429, code: 'rate_limit' });
    expect((error as Stripe.errors.StripeRateLimitError).headers?.['retry-after']).toBe('1');

    await control.setFaults({});
    await authorize('order-429');
    expect(await control.listPaymentIntents()).toHaveLength(1);
  });

  it('lets SDK retries ride out a seeded share of 500s without a second PaymentIntent', async () => {
    await control.setFaults({ errorRate: 0.5, errorStatuses: [500], seed: 7 });
    const patient = new Stripe('sk_test_conveyor', {
      host: emulator.host,
      port: emulator.port,
      protocol: 'http',
      maxNetworkRetries: 8,
    });
    const keys = ['order-flaky-1', 'order-flaky-2', 'order-flaky-3'];
    for (const key of keys) {
      await patient.paymentIntents.create(
        {
          amount: 100,
          currency: 'eur',
          payment_method: 'pm_card_visa',
          allowed_payment_method_types: ['card'],
          confirm: true,
        },
        { idempotencyKey: key },
      );
    }
    const intents = await control.listPaymentIntents();
    expect(intents.map((intent) => intent.idempotencyKey).sort()).toEqual(keys);
    expect((await control.stats()).faults.errors[500]).toBeGreaterThan(0);
  });

  it('drops the answer after charging; a retry with the same key returns the same PaymentIntent', async () => {
    await control.setFaults({ dropAfterChargeRate: 1 });
    const error = await authorize('order-dropped').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    const [charged] = await control.listPaymentIntents();
    expect(charged).toMatchObject({ status: 'requires_capture', idempotencyKey: 'order-dropped' });

    await control.setFaults({});
    const retried = await authorize('order-dropped');
    expect(retried.id).toBe(charged.id);
    expect(await control.listPaymentIntents()).toHaveLength(1);
    expect((await control.stats()).faults.droppedAfterCharge).toBeGreaterThanOrEqual(1);
  });

  it('drops a capture answer without capturing twice on retry', async () => {
    const { id } = await authorize('order-capture');
    await control.setFaults({ dropAfterChargeRate: 1 });
    const error = await stripe.paymentIntents
      .capture(id, {}, { idempotencyKey: 'order-capture-cap' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);

    await control.setFaults({});
    const captured = await stripe.paymentIntents.capture(
      id,
      {},
      { idempotencyKey: 'order-capture-cap' },
    );
    expect(captured.status).toBe('succeeded');
    const [view] = await control.listPaymentIntents();
    expect(view.captureCount).toBe(1);
  });

  it('counts requests per route and rejects an invalid fault profile', async () => {
    await authorize('order-stats');
    const stats = await control.stats();
    expect(stats.requests).toEqual({ 'POST /v1/payment_intents': 1 });
    await expect(control.setFaults({ errorRate: 2 })).rejects.toThrow(/errorRate/);
  });
});
