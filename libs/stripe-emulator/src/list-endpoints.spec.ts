import { useStripeEmulator } from './stripe-emulator-spec.fixture';

describe('List endpoints through the stripe SDK', () => {
  const context = useStripeEmulator();

  const authorize = (amount: number, orderId?: string) =>
    context.stripe.paymentIntents.create({
      amount,
      currency: 'eur',
      payment_method: 'pm_card_visa',
      allowed_payment_method_types: ['card'],
      confirm: true,
      capture_method: 'manual',
      ...(orderId ? { metadata: { order_id: orderId } } : {}),
    });

  it('pages PaymentIntents newest first, and auto-pagination visits each once', async () => {
    const created = [];
    for (let amount = 100; amount <= 2500; amount += 100) created.push(await authorize(amount));

    const first = await context.stripe.paymentIntents.list({ limit: 10 });
    expect(first).toMatchObject({ object: 'list', has_more: true, url: '/v1/payment_intents' });
    expect(first.data.map((intent) => intent.amount)).toEqual([
      2500, 2400, 2300, 2200, 2100, 2000, 1900, 1800, 1700, 1600,
    ]);
    const second = await context.stripe.paymentIntents.list({
      limit: 10,
      starting_after: first.data[9].id,
    });
    expect(second.data[0].amount).toBe(1500);

    const seen: string[] = [];
    for await (const intent of context.stripe.paymentIntents.list({ limit: 7 })) {
      seen.push(intent.id);
    }
    expect(seen.sort()).toEqual(created.map((intent) => intent.id).sort());
  });

  it('filters by creation time and keeps metadata, with or without an order id', async () => {
    const tagged = await authorize(500, 'order-1');
    const untagged = await authorize(700);
    const since = await context.stripe.paymentIntents.list({
      created: { gte: tagged.created },
      limit: 100,
    });
    expect(since.data.map((intent) => [intent.id, intent.metadata])).toEqual([
      [untagged.id, {}],
      [tagged.id, { order_id: 'order-1' }],
    ]);
    const future = await context.stripe.paymentIntents.list({ created: { gt: untagged.created } });
    expect(future.data).toEqual([]);
  });

  it('refuses a limit above 100 and an unknown cursor, as Stripe does', async () => {
    await expect(context.stripe.paymentIntents.list({ limit: 101 })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      param: 'limit',
    });
    await expect(
      context.stripe.paymentIntents.list({ starting_after: 'pi_missing' }),
    ).rejects.toMatchObject({ param: 'starting_after' });
  });

  it('lists the refunds of one PaymentIntent', async () => {
    const intent = await context.stripe.paymentIntents.capture((await authorize(3000)).id);
    const other = await context.stripe.paymentIntents.capture((await authorize(900)).id);
    const partial = await context.stripe.refunds.create({
      payment_intent: intent.id,
      amount: 1000,
    });
    await context.stripe.refunds.create({ payment_intent: other.id });

    const refunds = await context.stripe.refunds.list({ payment_intent: intent.id });
    expect(refunds.data.map((refund) => [refund.id, refund.amount])).toEqual([[partial.id, 1000]]);
    expect((await context.stripe.refunds.list()).data).toHaveLength(2);
  });
});
