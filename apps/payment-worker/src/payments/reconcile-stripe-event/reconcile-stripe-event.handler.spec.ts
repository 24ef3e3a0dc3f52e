import { PinoLogger } from 'nestjs-pino';
import { MetricsService } from '@conveyor/observability';
import type { StripeEventReceived } from '@conveyor/contracts';
import { deliver, envelopeOf, newOrderId } from '@conveyor/testing';
import { usePaymentSpec } from '../payment-spec.fixture';
import { ReconcileStripeEventHandler } from './reconcile-stripe-event.handler';

/** An event's facts but its id and time, which `forwarded` makes up (per union member). */
type Facts = StripeEventReceived extends infer E
  ? E extends StripeEventReceived
    ? Omit<E, 'stripeEventId' | 'stripeCreated'>
    : never
  : never;

let eventCount = 0;
function forwarded(facts: Facts) {
  eventCount++;
  return envelopeOf('payment.stripe-event-received', null, {
    ...facts,
    stripeEventId: `evt_spec_${eventCount}`,
    stripeCreated: 1_764_662_400 + eventCount,
  });
}

const canceled = (paymentIntentId: string, cancellationReason: string | null = 'automatic') =>
  forwarded({ eventType: 'payment_intent.canceled', paymentIntentId, cancellationReason });

const refunded = (paymentIntentId: string, amountRefundedCents: number) =>
  forwarded({
    eventType: 'charge.refunded',
    paymentIntentId,
    chargeId: `ch_${paymentIntentId}`,
    amountRefundedCents,
    currency: 'EUR',
  });

describe('ReconcileStripeEventHandler (real PostgreSQL, Stripe emulator)', () => {
  const spec = usePaymentSpec();
  // Each test counts from zero.
  let metrics: MetricsService;
  beforeEach(() => {
    metrics = new MetricsService({ serviceName: 'payment-worker', logLevel: 'silent' });
  });
  const handler = () =>
    new ReconcileStripeEventHandler(
      spec.dataSource,
      spec.messaging,
      spec.gateway,
      new PinoLogger({ pinoHttp: { level: 'silent' } }),
      metrics,
    );
  const reconciled = async (outcome: string) => {
    const metric = await metrics.registry
      .getSingleMetric('conveyor_stripe_events_reconciled_total')
      ?.get();
    return (metric?.values ?? [])
      .filter((value) => value.labels.outcome === outcome)
      .reduce((sum, value) => sum + value.value, 0);
  };

  it('an authorization canceled at Stripe marks the payment CANCELED and tells the order', async () => {
    const { orderId, paymentIntentId } = await spec.seedAuthorizedOrder();

    await spec.deliverTwice(handler(), canceled(paymentIntentId));

    expect(await spec.paymentOf(orderId)).toMatchObject({
      status: 'CANCELED',
      failureReason: 'canceled at Stripe: automatic',
    });
    expect(await spec.outbox()).toEqual([
      {
        type: 'order.payment-authorization-canceled',
        orderId,
        payload: { paymentIntentId, cancellationReason: 'automatic' },
      },
    ]);
    expect(await reconciled('authorization-canceled')).toBe(1);
  });

  it("Conveyor's own void, reported back, changes nothing", async () => {
    const { orderId, paymentIntentId } = await spec.seedAuthorizedOrder();
    await spec.dataSource.query(
      `UPDATE payments.payments SET status = 'VOIDED' WHERE order_id = $1`,
      [orderId],
    );

    expect(await deliver(handler(), canceled(paymentIntentId, 'abandoned'))).toEqual({
      kind: 'done',
    });

    expect(await spec.paymentOf(orderId)).toMatchObject({ status: 'VOIDED' });
    expect(await spec.outbox()).toEqual([]);
    expect(await reconciled('already-settled')).toBe(1);
  });

  it('dead-letters a cancellation of a captured payment: Stripe and Conveyor disagree', async () => {
    const { orderId, paymentIntentId } = await spec.seedAuthorizedOrder();
    await spec.dataSource.query(
      `UPDATE payments.payments SET status = 'CAPTURED' WHERE order_id = $1`,
      [orderId],
    );

    expect(await deliver(handler(), canceled(paymentIntentId))).toEqual({
      kind: 'poison',
      message: expect.stringContaining('captured it'),
    });
    await spec.expectUntouched(orderId, 'CAPTURED');
  });

  it('waits (transient) while the authorization that made the PaymentIntent has not committed', async () => {
    const orderId = newOrderId();
    const paymentIntentId = await spec.authorizeAtStripe(orderId);

    expect(await deliver(handler(), canceled(paymentIntentId))).toEqual({
      kind: 'transient',
      message: expect.stringContaining('no payment row yet'),
    });
    await spec.expectNothingCommitted();

    await spec.seedPayment(orderId, 'AUTHORIZED', { paymentIntentId });
    expect(await deliver(handler(), canceled(paymentIntentId), 2)).toEqual({ kind: 'done' });
    expect(await spec.paymentOf(orderId)).toMatchObject({ status: 'CANCELED' });
  });

  it('a failure of a declined order is already settled; of an authorized one, stale', async () => {
    const declined = await spec.seedDeclinedOrder();
    const declinedIntent = await spec.stripe.paymentIntents.create({
      amount: 100,
      currency: 'eur',
      metadata: { order_id: declined },
    });
    const { orderId, paymentIntentId } = await spec.seedAuthorizedOrder();
    const failed = (id: string) =>
      forwarded({
        eventType: 'payment_intent.payment_failed',
        paymentIntentId: id,
        failureCode: 'card_declined',
      });

    await deliver(handler(), failed(declinedIntent.id));
    await deliver(handler(), failed(paymentIntentId));

    expect(await reconciled('already-settled')).toBe(1);
    expect(await reconciled('stale')).toBe(1);
    expect(await spec.paymentOf(declined)).toMatchObject({ status: 'DECLINED' });
    expect(await spec.paymentOf(orderId)).toMatchObject({ status: 'AUTHORIZED' });
    expect(await spec.outbox()).toEqual([]);
  });

  it('keeps the largest cumulative refund, whatever order the events come in', async () => {
    const { orderId, paymentIntentId } = await spec.seedAuthorizedOrder();

    for (const amount of [700, 1200, 500])
      await deliver(handler(), refunded(paymentIntentId, amount));

    const [row] = await spec.dataSource.query<{ refunded_cents: string }[]>(
      `SELECT refunded_cents FROM payments.payments WHERE order_id = $1`,
      [orderId],
    );
    expect(Number(row.refunded_cents)).toBe(1200);
    expect(await reconciled('refund-recorded')).toBe(2);
    expect(await reconciled('stale')).toBe(1);
  });

  it('records a dispute once per dispute id', async () => {
    const { orderId, paymentIntentId } = await spec.seedAuthorizedOrder();
    const dispute = () =>
      forwarded({
        eventType: 'charge.dispute.created',
        paymentIntentId,
        disputeId: 'dp_spec_1',
        amountCents: 2599,
        currency: 'EUR',
        reason: 'fraudulent',
      });

    await deliver(handler(), dispute());
    await deliver(handler(), dispute());

    expect(
      await spec.dataSource.query(
        `SELECT order_id AS "orderId", amount_cents::int AS "amountCents", reason FROM payments.disputes`,
      ),
    ).toEqual([{ orderId, amountCents: 2599, reason: 'fraudulent' }]);
  });

  it('leaves a PaymentIntent Conveyor did not make alone, and counts it', async () => {
    const foreign = await spec.stripe.paymentIntents.create({ amount: 100, currency: 'eur' });

    expect(await deliver(handler(), canceled(foreign.id))).toEqual({ kind: 'done' });

    expect(await reconciled('foreign')).toBe(1);
    await spec.expectNothingCommitted();
  });
});
