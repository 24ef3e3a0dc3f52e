import { backlogPerReplicaTarget, secondsPerMessage } from './worker-scaling';

describe('backlog per replica', () => {
  const shape = { vcpu: 0.25, concurrency: 10 };

  it('is bound by CPU where no outside call waits, by Stripe for payments', () => {
    expect(secondsPerMessage('shipping-worker', shape)).toBeCloseTo(0.00928, 5);
    expect(secondsPerMessage('payment-worker', shape)).toBeCloseTo(0.05, 5);
  });

  it('is what one replica drains within the acceptable wait', () => {
    expect(backlogPerReplicaTarget('payment-worker', shape, 10)).toBe(200);
    expect(backlogPerReplicaTarget('inventory-worker', shape, 10)).toBe(1373);
    expect(backlogPerReplicaTarget('shipping-worker', { vcpu: 1, concurrency: 10 }, 10)).toBe(4310);
  });
});
