import { newOrderId } from '@conveyor/testing';
import {
  authorizationRequest,
  TOTAL_CENTS,
  usePaymentSpec,
} from '../payments/payment-spec.fixture';

describe('Stripe call metrics (the gateway against the Stripe emulator)', () => {
  const spec = usePaymentSpec();

  /** conveyor_stripe_calls_total by "operation outcome", from the gateway's registry. */
  async function calls(): Promise<Record<string, number>> {
    const metric = spec.metrics.registry.getSingleMetric('conveyor_stripe_calls_total');
    const { values } = await metric!.get();
    return Object.fromEntries(
      values.map(({ labels, value }) => [`${labels.operation} ${labels.outcome}`, value]),
    );
  }

  const authorize = (orderId: string, paymentMethod = 'pm_card_visa', amountCents = TOTAL_CENTS) =>
    spec.gateway.authorize({
      orderId,
      customerId: authorizationRequest(orderId).payload.customerId,
      amountCents,
      currency: 'EUR',
      paymentMethod,
    });

  it('counts each call by operation and outcome, failures by their Stripe error class', async () => {
    const before = await calls();
    const { orderId, paymentIntentId } = await spec.seedAuthorizedOrder();
    await authorize(newOrderId(), 'pm_card_chargeDeclined');
    await expect(spec.whileStripeFails(500, () => authorize(newOrderId()))).rejects.toThrow();
    await expect(spec.whileStripeFails(429, () => authorize(newOrderId()))).rejects.toThrow();
    // The key Stripe knows with other parameters, under no order metadata the lookup would find.
    const conflicting = newOrderId();
    await spec.stripe.paymentIntents.create(
      { amount: 1, currency: 'eur' },
      { idempotencyKey: `conveyor-authorize-${conflicting}` },
    );
    await expect(authorize(conflicting)).rejects.toThrow(/idempotency/i);
    await spec.gateway.capture(orderId, paymentIntentId);

    const delta = async (key: string) => ((await calls())[key] ?? 0) - (before[key] ?? 0);
    expect({
      authorized: await delta('authorize success'),
      declined: await delta('authorize declined'),
      apiError: await delta('lookup api_error'),
      rateLimited: await delta('lookup rate_limited'),
      conflict: await delta('authorize idempotency_conflict'),
      captured: await delta('capture success'),
    }).toEqual({
      authorized: 1,
      declined: 1,
      apiError: 1,
      rateLimited: 1,
      conflict: 1,
      captured: 1,
    });
    const timed = await spec.metrics.registry.getSingleMetricAsString(
      'conveyor_stripe_call_duration_seconds',
    );
    const countOf = (operation: string) =>
      Number(timed.match(new RegExp(`_count\\{[^}]*operation="${operation}"[^}]*\\} (\\d+)`))?.[1]);
    // The 500 and the 429 stop at the lookup, before any create.
    expect(countOf('authorize')).toBeGreaterThanOrEqual(3);
    expect(countOf('lookup')).toBeGreaterThanOrEqual(5);
  });
});
