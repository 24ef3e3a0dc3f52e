import { DependencyGate, type ConsumerDependency } from './dependency-gate';

const logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() };

function dependency(probeResults: boolean[]): ConsumerDependency & { probes: number } {
  const state = {
    probes: 0,
    isDown: (error: unknown) => (error as { code?: string }).code === 'ECONNREFUSED',
    probe: () => {
      const ok = probeResults[state.probes++] ?? true;
      return ok ? Promise.resolve() : Promise.reject(new Error('still down'));
    },
  };
  return state;
}

const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

describe('DependencyGate', () => {
  it('stays open for failures that are not an outage of the dependency', async () => {
    const db = dependency([]);
    const gate = new DependencyGate(db, logger, 'payments', () => 0);
    gate.observe(new Error('card declined'));
    expect(gate.isOpen).toBe(true);
    await gate.waitUntilOpen(new AbortController().signal);
    expect(db.probes).toBe(0);
  });

  it('closes on an outage and opens only once a probe succeeds', async () => {
    const db = dependency([false, false, true]);
    const delays: number[] = [];
    const gate = new DependencyGate(db, logger, 'payments', (attempt) => {
      delays.push(attempt);
      return 0;
    });
    gate.observe(refused);
    expect(gate.isOpen).toBe(false);
    await gate.waitUntilOpen(new AbortController().signal);
    expect(gate.isOpen).toBe(true);
    expect(db.probes).toBe(3);
    // One pause after each failed probe, growing with the attempt (the receive-error backoff).
    expect(delays).toEqual([1, 2]);
  });

  it('stops probing when the consumer stops', async () => {
    const db = dependency(Array(100).fill(false));
    const stop = new AbortController();
    const gate = new DependencyGate(db, logger, 'payments', () => {
      stop.abort();
      return 0;
    });
    gate.observe(refused);
    await gate.waitUntilOpen(stop.signal);
    expect(db.probes).toBe(1);
    expect(gate.isOpen).toBe(false);
  });

  it('never closes without a dependency to probe', () => {
    const gate = new DependencyGate(undefined, logger, 'payments');
    gate.observe(refused);
    expect(gate.isOpen).toBe(true);
  });
});
