import Stripe from 'stripe';
import { authorizeWithKey, sdkFor, useStripeEmulator } from './stripe-emulator-spec.fixture';

describe('fault injection', () => {
  const context = useStripeEmulator();

  const authorize = (idempotencyKey: string) => authorizeWithKey(context.stripe, idempotencyKey);

  it('fails with a 500 before any work; a retry with the same key succeeds once', async () => {
    await context.control.setFaults({ errorRate: 1, errorStatuses: [500] });
    const error = await authorize('order-500').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(error).toMatchObject({ statusCode: 500, rawType: 'api_error' });
    expect(await context.control.listPaymentIntents()).toEqual([]);

    await context.control.setFaults({});
    const retried = await authorize('order-500');
    const again = await authorize('order-500');
    expect(again.id).toBe(retried.id);
    expect(await context.control.listPaymentIntents()).toHaveLength(1);
    expect((await context.control.stats()).faults.errors).toEqual({ 500: 1 });
  });

  it('answers 429 as a rate-limit error with Retry-After', async () => {
    await context.control.setFaults({ errorRate: 1, errorStatuses: [429] });
    const error = await authorize('order-429').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(error).toMatchObject({ statusCode: 429, code: 'rate_limit' });
    expect((error as Stripe.errors.StripeRateLimitError).headers?.['retry-after']).toBe('1');

    await context.control.setFaults({});
    await authorize('order-429');
    expect(await context.control.listPaymentIntents()).toHaveLength(1);
  });

  it('lets SDK retries ride out a seeded share of 500s without a second PaymentIntent', async () => {
    await context.control.setFaults({ errorRate: 0.5, errorStatuses: [500], seed: 7 });
    const patient = sdkFor(context.emulator, 'sk_test_conveyor', { maxNetworkRetries: 8 });
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
    const intents = await context.control.listPaymentIntents();
    expect(intents.map((intent) => intent.idempotencyKey).sort()).toEqual(keys);
    expect((await context.control.stats()).faults.errors[500]).toBeGreaterThan(0);
  });

  it('drops the answer after charging; a retry with the same key returns the same PaymentIntent', async () => {
    await context.control.setFaults({ dropAfterChargeRate: 1 });
    const error = await authorize('order-dropped').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    const [charged] = await context.control.listPaymentIntents();
    expect(charged).toMatchObject({ status: 'requires_capture', idempotencyKey: 'order-dropped' });

    await context.control.setFaults({});
    const retried = await authorize('order-dropped');
    expect(retried.id).toBe(charged.id);
    expect(await context.control.listPaymentIntents()).toHaveLength(1);
    expect((await context.control.stats()).faults.droppedAfterCharge).toBeGreaterThanOrEqual(1);
  });

  it('drops a capture answer without capturing twice on retry', async () => {
    const { id } = await authorize('order-capture');
    await context.control.setFaults({ dropAfterChargeRate: 1 });
    const error = await context.stripe.paymentIntents
      .capture(id, {}, { idempotencyKey: 'order-capture-cap' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);

    await context.control.setFaults({});
    const captured = await context.stripe.paymentIntents.capture(
      id,
      {},
      { idempotencyKey: 'order-capture-cap' },
    );
    expect(captured.status).toBe('succeeded');
    const [view] = await context.control.listPaymentIntents();
    expect(view.captureCount).toBe(1);
  });

  it('counts requests per route and rejects an invalid fault profile', async () => {
    await authorize('order-stats');
    const stats = await context.control.stats();
    expect(stats.requests).toEqual({ 'POST /v1/payment_intents': 1 });
    await expect(context.control.setFaults({ errorRate: 2 })).rejects.toThrow(/errorRate/);
  });
});
