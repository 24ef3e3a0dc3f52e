import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { waitFor } from '@conveyor/dev-stack';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { expectInvariants, invariantScopeOf } from '../../support/invariants';
import { newShopper, type Shopper } from '../../support/order-pipeline.fixture';
import {
  paymentIntentsOf,
  paymentRecordOf,
  recordStatusOf,
  waitForOrderStatus,
} from '../../support/order-pipeline.probe';
import { metricValue } from '../../support/saga-pipeline.probe';
import {
  deliverStripeEvent,
  emulatorStripe,
  stripeEventOf,
  type StripeEventBody,
} from '../../support/stripe-webhook.sender';
import { testEnvironment } from '../../support/test-context';

const env = testEnvironment();
const SECRET = `whsec_e2e_${randomUUID().replaceAll('-', '')}`;

const paymentRow = (orderId: string) => paymentRecordOf(env.CONVEYOR_TEST_DATABASE_URL, orderId);

describe('Stripe webhooks reach the payment worker and reconcile (R17, R8)', () => {
  let e2e: E2eStack;
  let stripe: Stripe;
  const deliver = (event: StripeEventBody) => deliverStripeEvent(e2e, event, SECRET);
  const reconciled = (outcome: string) =>
    metricValue(
      e2e,
      'payment-worker',
      'conveyor_stripe_events_reconciled_total',
      `outcome="${outcome}"`,
    );

  beforeAll(async () => {
    stripe = emulatorStripe(env.CONVEYOR_TEST_STRIPE_URL);
    e2e = await startE2eStack({
      label: 'whrec',
      // No inventory worker at first: the order waits, authorized, for its reservation.
      apps: ['order-api', 'payment-worker', 'shipping-worker'],
      extraEnv: { 'order-api': { STRIPE_WEBHOOK_SECRET: SECRET } },
    });
  }, 90_000);

  afterAll(() => e2e?.stop());

  it('an authorization canceled at Stripe cancels the order once, however often the event comes', async () => {
    const shopper = await newShopper(e2e, 'whcancel', 5);
    const orderId = await shopper.place(2);
    await waitForOrderStatus(e2e, shopper.token, orderId, 'PAYMENT_AUTHORIZED');
    const [intent] = await paymentIntentsOf(env.CONVEYOR_TEST_STRIPE_URL, orderId);

    // Someone cancels it in the dashboard; Stripe then reports it, and repeats itself.
    const canceled = await stripe.paymentIntents.cancel(intent.id, {
      cancellation_reason: 'requested_by_customer',
    });
    const event = stripeEventOf('payment_intent.canceled', canceled);
    const answers = [await deliver(event), await deliver(event), await deliver(event)];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(answers.map((answer) => answer.body?.duplicate)).toEqual([false, true, true]);

    const order = await waitForOrderStatus(e2e, shopper.token, orderId, 'CANCELLED', 60_000);
    expect(order.failureReason).toBe('cancelled: the payment authorization was canceled at Stripe');
    expect(order.timeline.map((entry) => entry.reason ?? entry.status)).toEqual([
      'PENDING',
      'PAYMENT_AUTHORIZED',
      'payment authorization canceled at Stripe (requested_by_customer)',
      'cancelled: the payment authorization was canceled at Stripe',
    ]);
    expect((await paymentRow(orderId)).status).toBe('CANCELED');
    expect(await reconciled('authorization-canceled')).toBe(1);
    expect(
      await metricValue(e2e, 'order-api', 'conveyor_stripe_webhooks_total', 'result="duplicate"'),
    ).toBe(2);

    // The reservation request still waiting is honoured, then released: nothing stays held.
    await e2e.stack.start(['inventory-worker']);
    await waitFor(
      async () =>
        (await recordStatusOf(
          env.CONVEYOR_TEST_DATABASE_URL,
          'inventory.reservations',
          orderId,
        )) === 'RELEASED',
      { timeoutMs: 60_000, description: `the reservation of ${orderId} released` },
    );
    await expectInvariants(scopeOf([orderId], [{ sku: shopper.sku, initial: 5 }]));
  });

  describe('with every worker running', () => {
    let shopper: Shopper;
    beforeAll(async () => {
      shopper = await newShopper(e2e, 'whorder', 20);
    });

    it('refunds keep the largest cumulative figure when Stripe reports them out of order', async () => {
      const orderId = await shopper.place(2);
      await waitForOrderStatus(e2e, shopper.token, orderId, 'SHIPPED', 60_000);
      const [intent] = await paymentIntentsOf(env.CONVEYOR_TEST_STRIPE_URL, orderId);
      await stripe.refunds.create({ payment_intent: intent.id, amount: 500 });
      await stripe.refunds.create({ payment_intent: intent.id, amount: 700 });
      const charge = (refunded: number) => ({
        id: `ch_${intent.id.slice(3)}`,
        object: 'charge',
        payment_intent: intent.id,
        amount: 2400,
        amount_refunded: refunded,
        currency: 'usd',
        refunded: refunded === 2400,
      });
      const first = stripeEventOf('charge.refunded', charge(500), 1_000);
      const second = stripeEventOf('charge.refunded', charge(1200), 2_000);
      // The later event arrives, and is applied, first.
      expect((await deliver(second)).status).toBe(200);
      await waitFor(async () => (await reconciled('refund-recorded')) === 1, {
        timeoutMs: 30_000,
        description: 'the newer refund event recorded',
      });
      expect((await deliver(first)).status).toBe(200);
      await waitFor(async () => (await reconciled('stale')) === 1, {
        timeoutMs: 30_000,
        description: 'the older refund event reconciled as stale',
      });
      expect(Number((await paymentRow(orderId)).refunded_cents)).toBe(1200);
      await expectInvariants(scopeOf([orderId], []));
    });

    it('records a dispute once, delivered twice', async () => {
      const orderId = await shopper.place(1);
      await waitForOrderStatus(e2e, shopper.token, orderId, 'SHIPPED', 60_000);
      const [intent] = await paymentIntentsOf(env.CONVEYOR_TEST_STRIPE_URL, orderId);
      const dispute = {
        id: `dp_${intent.id.slice(3)}`,
        object: 'dispute',
        amount: 1200,
        currency: 'usd',
        reason: 'fraudulent',
        status: 'needs_response',
        charge: `ch_${intent.id.slice(3)}`,
        payment_intent: intent.id,
      };
      const staleBefore = await reconciled('stale');
      // Two events for one dispute: the second is recognised by the dispute's id.
      await deliver(stripeEventOf('charge.dispute.created', dispute));
      await deliver(stripeEventOf('charge.dispute.created', dispute));
      await waitFor(
        async () =>
          (await reconciled('dispute-recorded')) === 1 &&
          (await reconciled('stale')) === staleBefore + 1,
        {
          timeoutMs: 30_000,
          description: 'the dispute recorded, the repeat seen as stale',
        },
      );
      expect(Number((await paymentRow(orderId)).disputes)).toBe(1);
    });

    it('a late failure or cancellation of an order already decided changes nothing', async () => {
      const declined = await shopper.place(1, 'pm_card_chargeDeclined');
      await waitForOrderStatus(e2e, shopper.token, declined, 'PAYMENT_FAILED', 60_000);
      const [failedIntent] = await paymentIntentsOf(env.CONVEYOR_TEST_STRIPE_URL, declined);
      const failed = await stripe.paymentIntents.retrieve(failedIntent.id);

      // Voided by Conveyor itself: authorized, then out of stock (a SKU with none left).
      const soldOut = await newShopper(e2e, 'whsoldout', 0);
      const voidedOrder = await soldOut.place(1);
      await waitForOrderStatus(e2e, soldOut.token, voidedOrder, 'OUT_OF_STOCK', 60_000);
      const voided = await waitFor(
        async () => {
          const [one] = await paymentIntentsOf(env.CONVEYOR_TEST_STRIPE_URL, voidedOrder);
          return one?.status === 'canceled' ? one : undefined;
        },
        { timeoutMs: 30_000, description: 'the sold-out order’s authorization voided' },
      );
      const settledBefore = await reconciled('already-settled');
      await deliver(stripeEventOf('payment_intent.payment_failed', failed));
      await deliver(
        stripeEventOf('payment_intent.canceled', await stripe.paymentIntents.retrieve(voided.id)),
      );
      await waitFor(async () => (await reconciled('already-settled')) - settledBefore === 2, {
        timeoutMs: 30_000,
        description: 'both late events reconciled as already settled',
      });
      expect((await e2e.api.getOrder(shopper.token, declined)).body.status).toBe('PAYMENT_FAILED');
      expect((await e2e.api.getOrder(soldOut.token, voidedOrder)).body.status).toBe('OUT_OF_STOCK');
      expect(await paymentRow(declined)).toMatchObject({ status: 'DECLINED' });
      expect(await paymentRow(voidedOrder)).toMatchObject({ status: 'VOIDED' });
    });

    it('an event about a PaymentIntent Conveyor did not make is counted and left alone', async () => {
      // Created last: the invariant auditor would rightly call it a PaymentIntent with no order.
      const foreign = await stripe.paymentIntents.create({ amount: 100, currency: 'usd' });
      const canceled = await stripe.paymentIntents.cancel(foreign.id);
      const before = await reconciled('foreign');
      expect((await deliver(stripeEventOf('payment_intent.canceled', canceled))).status).toBe(200);
      await waitFor(async () => (await reconciled('foreign')) === before + 1, {
        timeoutMs: 30_000,
        description: 'the foreign event counted',
      });
    });
  });

  const scopeOf = (orderIds: string[], skus: { sku: string; initial: number }[]) =>
    invariantScopeOf(e2e.directory, orderIds, skus);
});
