import Stripe from 'stripe';
import { authorizeWithKey, useStripeEmulatorWithWebhooks } from './stripe-emulator-spec.fixture';
import { eventually } from './webhook-receiver.fixture';

/**
 * Events come from state changes only. One PaymentIntent's events are delivered in order, so once
 * a later action's events have arrived, any event a replay had made would have arrived before
 * them: the full list then proves what was and was not emitted, with no waiting for nothing.
 */
describe('webhooks under idempotent replays and injected faults', () => {
  const context = useStripeEmulatorWithWebhooks();

  const authorize = (idempotencyKey: string) => authorizeWithKey(context.stripe, idempotencyKey);

  const AUTHORIZE_AND_CAPTURE = [
    'payment_intent.created',
    'charge.succeeded',
    'payment_intent.amount_capturable_updated',
    'charge.captured',
    'payment_intent.succeeded',
  ];

  const typesOnceCaptured = (id: string) =>
    eventually(
      () => context.receiver.typesFor(id),
      (types) => types.includes('payment_intent.succeeded'),
      `the capture's events for ${id}`,
    );

  it('emits nothing for a replayed create or capture', async () => {
    const first = await authorize('order-replayed');
    const replayed = await authorize('order-replayed');
    expect(replayed.id).toBe(first.id);
    await context.stripe.paymentIntents.capture(first.id, {}, { idempotencyKey: 'capture-1' });
    await context.stripe.paymentIntents.capture(first.id, {}, { idempotencyKey: 'capture-1' });
    // A third action after the replayed capture, to see past it.
    await context.stripe.refunds.create({ payment_intent: first.id });

    const types = await eventually(
      () => context.receiver.typesFor(first.id),
      (seen) => seen.includes('refund.created'),
      'the refund events',
    );
    expect(types).toEqual([...AUTHORIZE_AND_CAPTURE, 'charge.refunded', 'refund.created']);
    expect((await context.control.stats()).idempotentReplays).toBe(2);
    expect((await context.control.webhooks()).delivered).toBe(7);
  });

  it('emits nothing for a request failed with 500 or 429 before any work', async () => {
    await context.control.setFaults({ errorRate: 1, errorStatuses: [500, 429] });
    await expect(authorize('order-faulted')).rejects.toBeInstanceOf(Stripe.errors.StripeError);
    await expect(authorize('order-faulted')).rejects.toBeInstanceOf(Stripe.errors.StripeError);
    await context.control.setFaults({});

    const intent = await authorize('order-faulted');
    await context.stripe.paymentIntents.capture(intent.id);
    expect(await typesOnceCaptured(intent.id)).toEqual(AUTHORIZE_AND_CAPTURE);
    expect((await context.control.webhooks()).deliveries).toHaveLength(5);
  });

  it('emits the events of a charge whose answer was dropped, and none for its retry', async () => {
    await context.control.setFaults({ dropAfterChargeRate: 1 });
    const lost = await authorize('order-dropped').catch((caught: unknown) => caught);
    expect(lost).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    await context.control.setFaults({});

    const [charged] = await context.control.listPaymentIntents();
    await eventually(
      () => context.receiver.typesFor(charged.id),
      (types) => types.length === 3,
      'the events of the dropped authorization',
    );
    const retried = await authorize('order-dropped');
    expect(retried.id).toBe(charged.id);
    await context.stripe.paymentIntents.capture(retried.id);
    expect(await typesOnceCaptured(retried.id)).toEqual(AUTHORIZE_AND_CAPTURE);
  });
});
