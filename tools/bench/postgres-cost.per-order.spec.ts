import type { CpuUse } from './process-cpu.sampler';
import {
  MINIMUM_STATEMENTS_PER_ORDER,
  parseLsn,
  postgresCores,
  postgresCost,
  type PostgresCounters,
} from './postgres-cost.per-order';

const counters = (overrides: Partial<PostgresCounters>): PostgresCounters => ({
  transactions: 0,
  rowsWritten: 0,
  statements: null,
  walBytes: 0,
  walScope: 'server',
  benchQueries: 0,
  ...overrides,
});

const cpu: CpuUse = {
  machineBusyCores: 1.8,
  trackedCores: 1.6,
  byComponent: {
    'order-api': 0.9,
    'postgres: order-api': 0.5,
    'postgres: other': 0.1,
    'postgres: bench': 0.05,
    'bench (load, seeding)': 0.05,
  },
};

describe('PostgreSQL cost per order', () => {
  it('divides what the counters moved by the orders, less the benchmark’s own queries', () => {
    const before = counters({
      transactions: 100,
      rowsWritten: 50,
      walBytes: 1_000,
      benchQueries: 7,
    });
    const after = counters({
      transactions: 100 + 3 * 200 + 20,
      rowsWritten: 50 + 6 * 200,
      walBytes: 1_000 + 4_000 * 200,
      benchQueries: 27,
    });
    expect(postgresCost(before, after, 200, { cpu: null, perSecond: 400 })).toEqual({
      orders: 200,
      transactionsPerOrder: 3,
      statementsPerOrder: null,
      rowsWrittenPerOrder: 6,
      walBytesPerOrder: 4_000,
      walScope: 'server',
      cpuMsPerOrder: null,
    });
  });

  it('counts statements when pg_stat_statements was there at both ends', () => {
    const before = counters({ statements: 10, walScope: 'database' });
    const after = counters({ statements: 10 + 9 * 100 + 5, benchQueries: 5, walScope: 'database' });
    const cost = postgresCost(before, after, 100, { cpu: null, perSecond: 1 });
    expect(cost).toMatchObject({ statementsPerOrder: 9, walScope: 'database' });
  });

  it('prices the database sessions’ CPU per order in the window, the benchmark’s own left out', () => {
    expect(postgresCores(cpu)).toBeCloseTo(0.6);
    // 0.6 cores at 300 orders a second: 2 ms each.
    const cost = postgresCost(counters({}), counters({}), 10, { cpu, perSecond: 300 });
    expect(cost?.cpuMsPerOrder).toBe(2);
  });

  it('has no cost without orders, and never a negative one', () => {
    expect(postgresCost(counters({}), counters({}), 0, { cpu, perSecond: 1 })).toBeNull();
    const after = counters({ transactions: 3, benchQueries: 10 });
    expect(postgresCost(counters({}), after, 5, { cpu: null, perSecond: 1 })).toMatchObject({
      transactionsPerOrder: 0,
    });
  });

  it('needs at least 9.8 statements per shipped order: nine handlers and eight outbox rows, ten to a delete', () => {
    expect(MINIMUM_STATEMENTS_PER_ORDER).toBeCloseTo(9.8);
  });

  it('reads WAL positions as byte offsets', () => {
    expect(parseLsn('0/10')).toBe(16);
    expect(parseLsn('16/B374D848') - parseLsn('16/B374D800')).toBe(0x48);
    expect(parseLsn('1/0')).toBe(2 ** 32);
    expect(() => parseLsn('nonsense')).toThrow('not a WAL position');
  });
});
