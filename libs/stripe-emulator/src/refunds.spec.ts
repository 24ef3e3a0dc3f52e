import Stripe from 'stripe';
import { useStripeEmulator } from './stripe-emulator-spec.fixture';

describe('Refunds through the stripe SDK', () => {
  const context = useStripeEmulator();

  const chargedIntent = async (amount: number) => {
    const intent = await context.stripe.paymentIntents.create({
      amount,
      currency: 'eur',
      payment_method: 'pm_card_visa',
      allowed_payment_method_types: ['card'],
      confirm: true,
      capture_method: 'manual',
    });
    return context.stripe.paymentIntents.capture(intent.id);
  };

  it('refunds part of a captured payment, then the rest', async () => {
    const intent = await chargedIntent(3000);
    const partial = await context.stripe.refunds.create(
      { payment_intent: intent.id, amount: 1000, reason: 'requested_by_customer' },
      { idempotencyKey: 'refund-1' },
    );
    expect(partial).toMatchObject({
      object: 'refund',
      amount: 1000,
      currency: 'eur',
      status: 'succeeded',
      payment_intent: intent.id,
      charge: intent.latest_charge,
      reason: 'requested_by_customer',
    });
    expect(partial.id).toMatch(/^re_/);
    expect(await context.stripe.refunds.retrieve(partial.id)).toEqual(partial);

    const rest = await context.stripe.refunds.create({ payment_intent: intent.id });
    expect(rest.amount).toBe(2000);

    const [view] = await context.control.listPaymentIntents();
    expect(view.amountRefunded).toBe(3000);
    expect(view.refunds).toEqual([
      { id: partial.id, amount: 1000, status: 'succeeded', idempotencyKey: 'refund-1' },
      { id: rest.id, amount: 2000, status: 'succeeded', idempotencyKey: expect.any(String) },
    ]);
  });

  it('refuses to refund more than was captured and not yet refunded', async () => {
    const intent = await chargedIntent(1500);
    const tooMuch = await context.stripe.refunds
      .create({ payment_intent: intent.id, amount: 1501 })
      .catch((caught: unknown) => caught);
    expect(tooMuch).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(tooMuch).toMatchObject({ statusCode: 400, code: 'amount_too_large', param: 'amount' });

    await context.stripe.refunds.create({ payment_intent: intent.id });
    const again = await context.stripe.refunds
      .create({ payment_intent: intent.id })
      .catch((caught: unknown) => caught);
    expect(again).toMatchObject({ statusCode: 400, code: 'charge_already_refunded' });
  });

  it('refuses to refund a PaymentIntent that was only authorized, or does not exist', async () => {
    const authorized = await context.stripe.paymentIntents.create({
      amount: 700,
      currency: 'eur',
      payment_method: 'pm_card_visa',
      allowed_payment_method_types: ['card'],
      confirm: true,
      capture_method: 'manual',
    });
    const uncaptured = await context.stripe.refunds
      .create({ payment_intent: authorized.id })
      .catch((caught: unknown) => caught);
    expect(uncaptured).toMatchObject({ statusCode: 400, param: 'payment_intent' });

    const missing = await context.stripe.refunds
      .create({ payment_intent: 'pi_missing' })
      .catch((caught: unknown) => caught);
    expect(missing).toMatchObject({ statusCode: 400, code: 'resource_missing' });
  });
});
