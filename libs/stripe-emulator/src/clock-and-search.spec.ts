import Stripe from 'stripe';
import { useStripeEmulator } from './stripe-emulator-spec.fixture';

const DAY_SECONDS = 24 * 60 * 60;

describe('the emulator clock, key expiry and PaymentIntent search', () => {
  const context = useStripeEmulator();

  const params = (orderId: string, amount = 4200): Stripe.PaymentIntentCreateParams => ({
    amount,
    currency: 'eur',
    payment_method: 'pm_card_visa',
    confirm: true,
    capture_method: 'manual',
    automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    metadata: { order_id: orderId },
  });

  it('replays a key within 24 hours of its clock and forgets it after', async () => {
    const { stripe, control } = context;
    const first = await stripe.paymentIntents.create(params('o-1'), { idempotencyKey: 'k-1' });
    await control.advanceClock(DAY_SECONDS - 60);
    const replay = await stripe.paymentIntents.create(params('o-1'), { idempotencyKey: 'k-1' });
    expect(replay.id).toBe(first.id);

    await control.advanceClock(120);
    const after = await stripe.paymentIntents.create(params('o-1'), { idempotencyKey: 'k-1' });
    expect(after.id).not.toBe(first.id);
    expect(after.created - first.created).toBeGreaterThanOrEqual(DAY_SECONDS + 60);
    expect(await control.listPaymentIntents()).toHaveLength(2);
  });

  it('reports and resets its clock, and refuses to go backwards', async () => {
    const { control, emulator } = context;
    const moved = await control.advanceClock(3600);
    expect(moved.offsetSeconds).toBe(3600);
    expect((await control.clock()).offsetSeconds).toBe(3600);
    const backwards = await fetch(`${emulator.url}/_emulator/clock`, {
      method: 'POST',
      body: JSON.stringify({ advanceSeconds: -5 }),
    });
    expect(backwards.status).toBe(400);
    await control.reset();
    expect((await control.clock()).offsetSeconds).toBe(0);
  });

  it('stamps created and canceled_at with the emulator clock', async () => {
    const { stripe, control } = context;
    const { now } = await control.advanceClock(10 * DAY_SECONDS);
    const intent = await stripe.paymentIntents.create(params('o-2'), { idempotencyKey: 'k-2' });
    expect(intent.created).toBeGreaterThanOrEqual(now);
    const canceled = await stripe.paymentIntents.cancel(intent.id);
    expect(canceled.canceled_at).toBeGreaterThanOrEqual(now);
  });

  it("finds PaymentIntents by metadata and status with Stripe's query syntax", async () => {
    const { stripe } = context;
    const wanted = await stripe.paymentIntents.create(params('o-3'), { idempotencyKey: 'k-3' });
    await stripe.paymentIntents.create(params('o-4'), { idempotencyKey: 'k-4' });

    const byOrder = await stripe.paymentIntents.search({ query: "metadata['order_id']:'o-3'" });
    expect(byOrder.data.map((intent) => intent.id)).toEqual([wanted.id]);
    expect(byOrder).toMatchObject({ object: 'search_result', has_more: false });

    const both = await stripe.paymentIntents.search({
      query: `metadata["order_id"]:"o-3" AND status:'requires_capture'`,
    });
    expect(both.data).toHaveLength(1);
    const none = await stripe.paymentIntents.search({
      query: "metadata['order_id']:'o-3' AND status:'succeeded'",
    });
    expect(none.data).toEqual([]);
  });

  it('finds every PaymentIntent of an order, newest first, and searches by status alone', async () => {
    const { stripe, control } = context;
    const first = await stripe.paymentIntents.create(params('o-5'), { idempotencyKey: 'k-5a' });
    await control.advanceClock(60);
    const second = await stripe.paymentIntents.create(params('o-5'), { idempotencyKey: 'k-5b' });
    await stripe.paymentIntents.cancel(first.id);

    const byOrder = await stripe.paymentIntents.search({ query: "metadata['order_id']:'o-5'" });
    expect(byOrder.data.map((intent) => intent.id)).toEqual([second.id, first.id]);
    const canceled = await stripe.paymentIntents.search({ query: "status:'canceled'" });
    expect(canceled.data.map((intent) => intent.id)).toContain(first.id);
    expect(canceled.data.map((intent) => intent.id)).not.toContain(second.id);
    const otherKey = await stripe.paymentIntents.search({ query: "metadata['customer']:'o-5'" });
    expect(otherKey.data).toEqual([]);
  });

  it('refuses a query outside the subset it understands', async () => {
    await expect(
      context.stripe.paymentIntents.search({ query: 'amount>100' }),
    ).rejects.toMatchObject({ type: 'StripeInvalidRequestError', param: 'query' });
  });
});
