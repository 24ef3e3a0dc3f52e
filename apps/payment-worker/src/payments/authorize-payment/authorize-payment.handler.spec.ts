import { randomBytes } from 'node:crypto';
import { FieldCipher, parseKeyring } from '@conveyor/field-encryption';
import {
  SPEC_SHIPPING_ADDRESS,
  deliver,
  newOrderId,
  resent,
  sealedAddressFor,
} from '@conveyor/testing';
import {
  TOTAL_CENTS,
  authorizationRequest,
  authorizeHandler,
  usePaymentSpec,
  voidRequest,
} from '../payment-spec.fixture';
import { VoidPaymentHandler } from '../void-payment/void-payment.handler';

const CREATE = 'POST /v1/payment_intents';

describe('AuthorizePaymentHandler (real PostgreSQL, Stripe emulator)', () => {
  const spec = usePaymentSpec();
  const handler = (gateway = spec.gateway) => authorizeHandler(spec, gateway);
  /** conveyor_stripe_idempotency_errors_total, all operations. */
  const idempotencyErrors = async () => {
    const metric = spec.metrics.registry.getSingleMetric(
      'conveyor_stripe_idempotency_errors_total',
    );
    const { values } = await metric!.get();
    return values.reduce((sum, { value }) => sum + value, 0);
  };

  /** What an authorization announces: the order is authorized, and its stock requested. */
  const authorizedAnnouncement = (orderId: string, paymentIntentId: string) => [
    {
      type: 'inventory.reservation-requested',
      orderId,
      // The address sealed for the shipping worker, passed on as it came: never opened here.
      payload: {
        items: [{ sku: 'MUG', quantity: 2 }],
        shippingAddress: sealedAddressFor(orderId, SPEC_SHIPPING_ADDRESS),
      },
    },
    { type: 'order.payment-authorized', orderId, payload: { paymentIntentId } },
  ];

  it('authorizes an approved card for manual capture and requests the stock', async () => {
    const orderId = newOrderId();

    expect(await deliver(handler(), authorizationRequest(orderId))).toEqual({ kind: 'done' });

    const [intent] = await spec.intents();
    expect(intent).toMatchObject({
      status: 'requires_capture',
      amount: TOTAL_CENTS,
      currency: 'eur',
      capture_method: 'manual',
      metadata: { order_id: orderId, customer_id: 'customer-spec' },
      idempotencyKey: `conveyor-authorize-${orderId}`,
    });
    expect(await spec.paymentOf(orderId)).toEqual({
      status: 'AUTHORIZED',
      paymentIntentId: intent.id,
      amountCents: TOTAL_CENTS,
      failureReason: null,
    });
    expect(await spec.outbox()).toEqual(authorizedAnnouncement(orderId, intent.id));
  });

  it('records a declined card as DECLINED and requests no stock', async () => {
    const orderId = newOrderId();
    const reason = 'card_declined: generic_decline';

    await deliver(handler(), authorizationRequest(orderId, 'pm_card_chargeDeclined'));

    expect(await spec.paymentOf(orderId)).toEqual({
      status: 'DECLINED',
      paymentIntentId: null,
      amountCents: TOTAL_CENTS,
      failureReason: reason,
    });
    expect(await spec.outbox()).toEqual([
      { type: 'order.payment-failed', orderId, payload: { reason } },
    ]);
  });

  it('authorizes once when the same message is delivered twice', async () => {
    await spec.deliverTwice(handler(), authorizationRequest(newOrderId()));

    expect(await spec.intents()).toHaveLength(1);
    expect(await spec.stripeCalls(CREATE)).toBe(1);
    expect(await spec.outbox()).toHaveLength(2);
  });

  it.each([
    ['an authorization', 'pm_card_visa'],
    ['a decline', 'pm_card_chargeDeclined'],
  ])('re-announces %s to a re-sent request without asking Stripe again', async (_, card) => {
    const envelope = authorizationRequest(newOrderId(), card);
    await deliver(handler(), envelope);
    const announced = await spec.outbox();
    await spec.drainOutbox();

    await deliver(handler(), resent(envelope));

    expect(await spec.outbox()).toEqual(announced);
    expect(await spec.stripeCalls(CREATE)).toBe(1);
  });

  it('re-announces the authorization of a payment voided for lack of stock, so the refusal is repeated', async () => {
    const envelope = authorizationRequest(newOrderId());
    await deliver(handler(), envelope);
    const announced = await spec.outbox();
    await spec.drainOutbox();
    const outOfStock = voidRequest(envelope.orderId, 'OUT_OF_STOCK');
    await deliver(new VoidPaymentHandler(spec.messaging, spec.gateway), outOfStock);

    await deliver(handler(), resent(envelope));

    expect(await spec.outbox()).toEqual(announced);
    expect(await spec.stripeCalls(CREATE)).toBe(1);
  });

  it.each([500, 429])(
    'fails transiently, with nothing recorded, while Stripe answers %i',
    async (status) => {
      const envelope = authorizationRequest(newOrderId());

      const outcome = await spec.whileStripeFails(status, () => deliver(handler(), envelope));

      expect(outcome).toMatchObject({ kind: 'transient' });
      expect(await spec.paymentOf(envelope.orderId)).toBeUndefined();
      await spec.expectNothingCommitted();
      expect(await deliver(handler(), envelope, 2)).toEqual({ kind: 'done' });
      expect(await spec.intents()).toHaveLength(1);
    },
  );

  it('dead-letters a request whose idempotency key Stripe knows with other parameters', async () => {
    const envelope = authorizationRequest(newOrderId());
    // Made under the worker's key with other parameters (and no order metadata to find it by).
    await spec.stripe.paymentIntents.create(
      { amount: 999, currency: 'eur' },
      { idempotencyKey: `conveyor-authorize-${envelope.orderId}` },
    );
    const before = await idempotencyErrors();

    expect(await deliver(handler(), envelope)).toMatchObject({
      kind: 'poison',
      message: expect.stringMatching(/^stripe-idempotency-mismatch: Keys for idempotent requests/),
    });

    // One create under the order's key, none under a made-up one.
    expect(await spec.stripeCalls(CREATE)).toBe(2);
    expect((await spec.intents()).map((intent) => intent.amount)).toEqual([999]);
    expect((await idempotencyErrors()) - before).toBe(1);
    expect(await spec.paymentOf(envelope.orderId)).toBeUndefined();
    await spec.expectNothingCommitted();
  });

  it('dead-letters a payment method sealed with a key it does not hold, before asking Stripe', async () => {
    const orderId = newOrderId();
    const retired = new FieldCipher(parseKeyring(`retired:${randomBytes(32).toString('base64')}`));
    const sealed = retired.seal('pm_card_visa', { orderId, field: 'paymentMethod' });

    expect(await deliver(handler(), authorizationRequest(orderId, undefined, sealed))).toEqual({
      kind: 'poison',
      message: 'cannot open paymentMethod: unknown key (key retired)',
    });

    expect(await spec.stripeCalls(CREATE)).toBe(0);
    expect(await spec.paymentOf(orderId)).toBeUndefined();
    await spec.expectNothingCommitted();
  });

  it('dead-letters a request for another amount than the PaymentIntent Stripe holds for the order', async () => {
    const envelope = authorizationRequest(newOrderId());
    await spec.authorizeAtStripe(envelope.orderId);
    const changed = { ...envelope, payload: { ...envelope.payload, totalCents: 999 } };
    const before = await idempotencyErrors();

    expect(await deliver(handler(), changed)).toMatchObject({
      kind: 'poison',
      message: expect.stringMatching(/^stripe-idempotency-mismatch: PaymentIntent pi_/),
    });

    expect(await spec.intents()).toHaveLength(1);
    expect((await idempotencyErrors()) - before).toBe(1);
    await spec.expectNothingCommitted();
  });

  it('reuses the PaymentIntent of an attempt whose commit was lost, after Stripe forgot its key', async () => {
    const envelope = authorizationRequest(newOrderId());
    const first = await spec.authorizeAtStripe(envelope.orderId);
    await spec.control.advanceClock(25 * 60 * 60);

    expect(await deliver(handler(), envelope, 2)).toEqual({ kind: 'done' });

    expect(await spec.intents()).toEqual([expect.objectContaining({ id: first })]);
    expect(await spec.stripeCalls(CREATE)).toBe(1);
    expect(await spec.paymentOf(envelope.orderId)).toMatchObject({
      status: 'AUTHORIZED',
      paymentIntentId: first,
    });
    expect(await spec.outbox()).toEqual(authorizedAnnouncement(envelope.orderId, first));
  });
});
