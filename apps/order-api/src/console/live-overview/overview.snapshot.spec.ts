import { meanWait, perSecond, toSnapshot, type RawSample } from './overview.snapshot';
import { OverviewHistory } from './overview.history';

const sample = (at: number, overrides: Partial<RawSample> = {}): RawSample => ({
  at,
  ordersByStatus: {},
  queues: {},
  waits: {},
  outbox: { rows: 0, oldestAgeSeconds: 0 },
  reconciler: null,
  ...overrides,
});

describe('overview snapshot math', () => {
  it('computes rates from two totals and never goes negative', () => {
    expect(perSecond(10, 16, 2)).toBe(3);
    expect(perSecond(10, 4, 2)).toBe(0);
    expect(perSecond(10, 16, 0)).toBe(0);
  });

  it('takes the mean wait of the messages received between two readings', () => {
    expect(meanWait({ sum: 10, count: 4 }, { sum: 16, count: 7 })).toBe(2);
    expect(meanWait({ sum: 10, count: 4 }, { sum: 10, count: 4 })).toBeNull();
    expect(meanWait(undefined, { sum: 10, count: 4 })).toBeNull();
    // A restarted process resets its histogram: no made-up figure.
    expect(meanWait({ sum: 10, count: 4 }, { sum: 1, count: 1 })).toBeNull();
  });

  it('counts placed as all orders and shipped as SHIPPED, per second between samples', () => {
    const before = sample(1_000, { ordersByStatus: { PENDING: 4, SHIPPED: 10 } });
    const after = sample(3_000, { ordersByStatus: { PENDING: 6, SHIPPED: 14, CANCELLED: 2 } });
    const snapshot = toSnapshot(['payments'], { previous: before }, after);
    expect(snapshot.placedPerSecond).toBe(4);
    expect(snapshot.shippedPerSecond).toBe(2);
    expect(toSnapshot(['payments'], {}, after).placedPerSecond).toBeNull();
  });

  it('lists every queue, its counts where read and whether its wait is measured', () => {
    const counts = { visible: 1, inFlight: 2, delayed: 0, dlq: 3 };
    const minuteAgo = sample(0, { waits: { payments: { sum: 1, count: 1 } } });
    const before = sample(58_000, { waits: { payments: { sum: 4, count: 3 } } });
    const after = sample(60_000, {
      queues: { payments: counts },
      waits: { payments: { sum: 4, count: 3 } },
    });
    const samples = { previous: before, minuteAgo };
    const snapshot = toSnapshot(['payments', 'shipping'], samples, after, ['shipping depths']);
    expect(snapshot.queues).toEqual([
      { queue: 'payments', ...counts, waitMeasured: true, waitSeconds: 1.5 },
      { queue: 'shipping', waitMeasured: false, waitSeconds: null },
    ]);
    expect(snapshot.errors).toEqual(['shipping depths']);
  });

  it('keeps only the last snapshots for the sparklines', () => {
    const history = new OverviewHistory(2);
    for (const at of [1, 2, 3]) history.push(toSnapshot([], {}, sample(at)));
    expect(history.series((snapshot) => snapshot.at)).toEqual([2, 3]);
    expect(history.latest?.at).toBe(3);
  });
});
