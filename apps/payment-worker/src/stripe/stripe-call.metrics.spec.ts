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
    await expect(authorize(orderId, 'pm_card_visa', 999)).rejects.toThrow(/idempotency/i);
    await spec.gateway.capture(orderId, paymentIntentId);

    const delta = async (key: string) => ((await calls())[key] ?? 0) - (before[key] ?? 0);
    expect({
      authorized: await delta('authorize success'),
      declined: await delta('authorize declined'),
      apiError: await delta('authorize api_error'),
      rateLimited: await delta('authorize rate_limited'),
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
    const count = timed.match(/_count\{[^}]*operation="authorize"[^}]*\} (\d+)/);
    expect(Number(count?.[1])).toBeGreaterThanOrEqual(5);
  });
});
