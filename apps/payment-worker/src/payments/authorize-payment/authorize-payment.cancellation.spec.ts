import type Stripe from 'stripe';
import { deliver, newOrderId } from '@conveyor/testing';
import { StripePaymentGateway } from '../../stripe/stripe-payment.gateway';
import { StripeCallMetrics } from '../../stripe/stripe-call.metrics';
import {
  authorizationRequest,
  authorizeHandler,
  usePaymentSpec,
  voidRequest,
} from '../payment-spec.fixture';
import { VoidPaymentHandler } from '../void-payment/void-payment.handler';

const CREATE = 'POST /v1/payment_intents';

/** A gateway during whose authorization call the order's cancellation lands. */
class OvertakenGateway extends StripePaymentGateway {
  constructor(
    stripe: Stripe,
    calls: StripeCallMetrics,
    private readonly cancel: (orderId: string) => Promise<unknown>,
  ) {
    super(stripe, calls);
  }

  override async authorize(input: Parameters<StripePaymentGateway['authorize']>[0]) {
    const result = await super.authorize(input);
    await this.cancel(input.orderId);
    return result;
  }
}

/** An authorization and the order's cancellation, in each order they can arrive in. */
describe('AuthorizePaymentHandler and a cancellation (real PostgreSQL, Stripe emulator)', () => {
  const spec = usePaymentSpec();
  const handler = (gateway = spec.gateway) => authorizeHandler(spec, gateway);
  const cancel = (orderId: string) =>
    deliver(new VoidPaymentHandler(spec.messaging, spec.gateway), voidRequest(orderId));

  it('charges nothing for an order whose cancellation came first', async () => {
    const orderId = newOrderId();
    await cancel(orderId);

    expect(await deliver(handler(), authorizationRequest(orderId))).toEqual({ kind: 'done' });

    expect(await spec.stripeCalls(CREATE)).toBe(0);
    await spec.expectCancelledUncharged(orderId);
  });

  it('on a redelivery after the cancellation, voids what a dead attempt authorized', async () => {
    const orderId = newOrderId();
    const orphan = await spec.authorizeAtStripe(orderId);
    await cancel(orderId);

    expect(await deliver(handler(), authorizationRequest(orderId), 2)).toEqual({ kind: 'done' });

    expect(await spec.intents()).toEqual([expect.objectContaining({ id: orphan })]);
    await spec.expectCancelledUncharged(orderId);
  });

  it('voids its fresh authorization when the cancellation lands during the Stripe call', async () => {
    const orderId = newOrderId();

    await deliver(
      handler(new OvertakenGateway(spec.stripe, new StripeCallMetrics(spec.metrics), cancel)),
      authorizationRequest(orderId),
    );

    expect(await spec.intents()).toHaveLength(1);
    await spec.expectCancelledUncharged(orderId);
  });
});
