import Stripe from 'stripe';
import { useStripeEmulatorWithWebhooks } from './stripe-emulator-spec.fixture';
import { eventually } from './webhook-receiver.fixture';

describe('authorizations that expire and charges that are disputed', () => {
  const context = useStripeEmulatorWithWebhooks();

  const authorize = () =>
    context.stripe.paymentIntents.create({
      amount: 4500,
      currency: 'eur',
      payment_method: 'pm_card_visa',
      allowed_payment_method_types: ['card'],
      confirm: true,
      capture_method: 'manual',
      metadata: { order_id: 'order-actions' },
    });

  const post = async (path: string, body: unknown = {}) => {
    const response = await fetch(`${context.emulator.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  const eventsFor = (id: string, count: number) =>
    eventually(
      () => context.receiver.eventsFor(id),
      (events) => events.length >= count,
      `${count} events for ${id}`,
    );

  it('expires an authorization: canceled, reason expired, charge.expired and payment_intent.canceled', async () => {
    const intent = await authorize();
    const expired = await context.control.expirePaymentIntent(intent.id);
    expect(expired).toMatchObject({
      id: intent.id,
      status: 'canceled',
      cancellation_reason: 'expired',
      amount_capturable: 0,
    });
    expect(await context.stripe.paymentIntents.retrieve(intent.id)).toEqual(expired);

    const events = await eventsFor(intent.id, 5);
    expect(events.slice(3)).toMatchObject([
      { type: 'charge.expired', data: { object: { id: intent.latest_charge, captured: false } } },
      {
        type: 'payment_intent.canceled',
        request: { id: null, idempotency_key: null },
        data: { object: { status: 'canceled', metadata: { order_id: 'order-actions' } } },
      },
    ]);
    await expect(context.stripe.paymentIntents.capture(intent.id)).rejects.toMatchObject({
      code: 'payment_intent_unexpected_state',
    });
  });

  it('expires only an authorization, and answers an unknown one 404', async () => {
    const intent = await authorize();
    await context.stripe.paymentIntents.capture(intent.id);
    const captured = await post(`/_emulator/payment_intents/${intent.id}/expire`);
    expect(captured).toMatchObject({
      status: 400,
      body: { error: { type: 'invalid_request_error', code: 'payment_intent_unexpected_state' } },
    });
    const missing = await post('/_emulator/payment_intents/pi_missing/expire');
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'resource_missing' } } });
  });

  it('disputes a captured charge, named by its PaymentIntent: charge.dispute.created', async () => {
    const intent = await authorize();
    await context.stripe.paymentIntents.capture(intent.id);
    const dispute = await context.control.disputeCharge(intent.id, {
      reason: 'product_not_received',
      amount: 3000,
    });
    expect(dispute).toEqual({
      id: expect.stringMatching(/^dp_\w{24}$/),
      object: 'dispute',
      amount: 3000,
      currency: 'eur',
      charge: intent.latest_charge,
      payment_intent: intent.id,
      reason: 'product_not_received',
      status: 'needs_response',
      is_charge_refundable: false,
      metadata: {},
      livemode: false,
      created: expect.any(Number),
    });
    const events = await eventsFor(intent.id, 6);
    expect(events[5]).toMatchObject({ type: 'charge.dispute.created', data: { object: dispute } });

    const refund = await context.stripe.refunds
      .create({ payment_intent: intent.id })
      .catch((caught: unknown) => caught);
    expect(refund).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(refund).toMatchObject({ code: 'charge_disputed' });
  });

  it('disputes by charge id for the captured amount, once, and refuses what cannot be disputed', async () => {
    const intent = await authorize();
    const chargeId = intent.latest_charge as string;
    const uncaptured = await post(`/_emulator/charges/${chargeId}/dispute`);
    expect(uncaptured).toMatchObject({
      status: 400,
      body: { error: { code: 'charge_not_captured' } },
    });

    await context.stripe.paymentIntents.capture(intent.id, { amount_to_capture: 4000 });
    const dispute = await context.control.disputeCharge(chargeId);
    expect(dispute).toMatchObject({ amount: 4000, reason: 'fraudulent', charge: chargeId });
    const again = await post(`/_emulator/charges/${chargeId}/dispute`);
    expect(again).toMatchObject({ status: 400, body: { error: { code: 'charge_disputed' } } });

    expect(await post('/_emulator/charges/ch_missing/dispute')).toMatchObject({ status: 404 });
    const badReason = await post(`/_emulator/charges/${chargeId}/dispute`, { reason: 'bored' });
    expect(badReason).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/reason/) },
    });
  });
});
