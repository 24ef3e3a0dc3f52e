import Stripe from 'stripe';
import { useStripeEmulatorWithWebhooks } from './stripe-emulator-spec.fixture';
import { eventually } from './webhook-receiver.fixture';

const ORDER_ID = '0f6f6a8e-4c3b-4a57-9a0e-6b1d2c3e4f50';

describe('webhook events for what the emulator does', () => {
  const context = useStripeEmulatorWithWebhooks();

  const create = (params: Partial<Stripe.PaymentIntentCreateParams>, idempotencyKey?: string) =>
    context.stripe.paymentIntents.create(
      {
        amount: 2599,
        currency: 'eur',
        payment_method: 'pm_card_visa',
        allowed_payment_method_types: ['card'],
        confirm: true,
        capture_method: 'manual',
        metadata: { order_id: ORDER_ID },
        ...params,
      },
      idempotencyKey ? { idempotencyKey } : {},
    );

  /** Waits for a PaymentIntent's delivered events to reach `count`, and answers them. */
  const eventsFor = (paymentIntentId: string, count: number) =>
    eventually(
      () => context.receiver.eventsFor(paymentIntentId),
      (events) => events.length >= count,
      `${count} events for ${paymentIntentId}`,
    );

  it('authorizes, then captures: five events in order, each the object as it was then', async () => {
    const authorized = await create({}, 'order-1-authorize');
    const captured = await context.stripe.paymentIntents.capture(authorized.id, {
      amount_to_capture: 2000,
    });
    const events = await eventsFor(authorized.id, 5);
    expect(events.map((event) => event.type)).toEqual([
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.amount_capturable_updated',
      'charge.captured',
      'payment_intent.succeeded',
    ]);
    const [created, succeeded, capturable, chargeCaptured, paid] = events;
    expect(created).toMatchObject({
      object: 'event',
      api_version: '2026-10-28.endive',
      livemode: false,
      pending_webhooks: 1,
      request: { idempotency_key: 'order-1-authorize' },
      data: { object: { id: authorized.id, status: 'requires_confirmation' } },
    });
    expect(created.id).toMatch(/^evt_\w{24}$/);
    expect(created.request?.id).toMatch(/^req_/);
    expect(succeeded.data.object).toEqual({
      id: authorized.latest_charge,
      object: 'charge',
      amount: 2599,
      amount_captured: 0,
      amount_refunded: 0,
      captured: false,
      refunded: false,
      disputed: false,
      currency: 'eur',
      payment_intent: authorized.id,
      payment_method: authorized.payment_method,
      metadata: { order_id: ORDER_ID },
      status: 'succeeded',
      failure_code: null,
      failure_message: null,
      livemode: false,
      created: authorized.created,
    });
    expect(capturable.data.object).toEqual(authorized);
    expect(chargeCaptured.data.object).toMatchObject({ captured: true, amount_captured: 2000 });
    expect(paid.data.object).toEqual(captured);
    expect(paid.request?.idempotency_key).not.toBe('order-1-authorize');
  });

  it('charges at once with automatic capture', async () => {
    const intent = await create({ capture_method: 'automatic' });
    const events = await eventsFor(intent.id, 3);
    expect(events.map((event) => event.type)).toEqual([
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.succeeded',
    ]);
    expect(events[1].data.object).toMatchObject({ captured: true, amount_captured: 2599 });
    expect(events[2].data.object).toMatchObject({ status: 'succeeded', amount_received: 2599 });
  });

  it('reports a decline as charge.failed and payment_intent.payment_failed', async () => {
    const error = await create({ payment_method: 'pm_card_chargeDeclinedInsufficientFunds' }).catch(
      (caught: unknown) => caught as Stripe.errors.StripeCardError,
    );
    const intentId = (error as Stripe.errors.StripeCardError).payment_intent?.id ?? '';
    const events = await eventsFor(intentId, 3);
    expect(events.map((event) => event.type)).toEqual([
      'payment_intent.created',
      'charge.failed',
      'payment_intent.payment_failed',
    ]);
    expect(events[1].data.object).toMatchObject({
      status: 'failed',
      failure_code: 'card_declined',
      metadata: { order_id: ORDER_ID },
    });
    expect(events[2].data.object).toMatchObject({
      status: 'requires_payment_method',
      metadata: { order_id: ORDER_ID },
      last_payment_error: { code: 'card_declined', decline_code: 'insufficient_funds' },
    });
  });

  it('reports a cancellation with its reason', async () => {
    const intent = await create({});
    await context.stripe.paymentIntents.cancel(intent.id, {
      cancellation_reason: 'requested_by_customer',
    });
    const events = await eventsFor(intent.id, 4);
    expect(events[3]).toMatchObject({
      type: 'payment_intent.canceled',
      data: {
        object: {
          status: 'canceled',
          cancellation_reason: 'requested_by_customer',
          metadata: { order_id: ORDER_ID },
        },
      },
    });
  });

  it('reports each refund as charge.refunded, amount_refunded adding up', async () => {
    const intent = await create({ capture_method: 'automatic', amount: 3000 });
    await context.stripe.refunds.create({ payment_intent: intent.id, amount: 1000 });
    const rest = await context.stripe.refunds.create({ payment_intent: intent.id });
    const events = await eventsFor(intent.id, 7);
    const refunds = events.filter((event) => event.type === 'charge.refunded');
    expect(refunds.map((event) => event.data.object)).toMatchObject([
      { id: intent.latest_charge, amount_refunded: 1000, refunded: false },
      { id: intent.latest_charge, amount_refunded: 3000, refunded: true },
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'refund.created', data: { object: rest } });
  });
});
