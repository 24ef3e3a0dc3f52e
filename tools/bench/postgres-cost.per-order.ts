import { round } from './bench.stats';
import type { CpuUse } from './process-cpu.sampler';
import { MESSAGES_PER_ORDER } from './sqs-calls.per-order';

/** PostgreSQL's own counters for the benchmark's database at one moment. */
export interface PostgresCounters {
  /** xact_commit + xact_rollback of pg_stat_database. */
  transactions: number;
  /** tup_inserted + tup_updated + tup_deleted of pg_stat_database. */
  rowsWritten: number;
  /** Calls in pg_stat_statements (BEGIN and COMMIT included); null when it cannot be loaded. */
  statements: number | null;
  walBytes: number;
  /** `database`: pg_stat_statements' WAL of this database; `server`: the WAL position, every database's. */
  walScope: 'database' | 'server';
  /** Queries the benchmark itself sent meanwhile (its polls, seeding and these readings). */
  benchQueries: number;
}

/** What one order (or one floor transaction) cost PostgreSQL over a repetition. */
export interface PostgresCost {
  /** Every order of the repetition (warm-up included), the divisor of the counts. */
  orders: number;
  transactionsPerOrder: number;
  statementsPerOrder: number | null;
  rowsWrittenPerOrder: number;
  walBytesPerOrder: number;
  walScope: 'database' | 'server';
  /** CPU of the database sessions (not the benchmark's own) per order in the window; null off Linux. */
  cpuMsPerOrder: number | null;
}

/**
 * The fewest statements a shipped order needs from the workers, each a single round trip: one
 * transaction per message handled (inbox, effect and outgoing rows in one statement), and one
 * delete for every ten outbox rows sent (the pipeline sends eight of the nine messages; the API
 * sends the first).
 */
export const MINIMUM_STATEMENTS_PER_ORDER = MESSAGES_PER_ORDER + (MESSAGES_PER_ORDER - 1) / 10;

/**
 * The counters' difference over a repetition divided by its orders, with the CPU its database
 * sessions used per order in the measured window (`window.perSecond` orders a second). The
 * benchmark's own queries are one transaction and one statement each, and are taken off; the rows
 * its seeding writes are not (they stand in for the API's).
 */
export function postgresCost(
  before: PostgresCounters,
  after: PostgresCounters,
  orders: number,
  window: { cpu: CpuUse | null; perSecond: number },
): PostgresCost | null {
  if (!(orders > 0)) return null;
  const own = after.benchQueries - before.benchQueries;
  const per = (value: number, digits = 2) => round(Math.max(0, value) / orders, digits);
  const statements =
    after.statements === null || before.statements === null
      ? null
      : per(after.statements - before.statements - own);
  const cores = postgresCores(window.cpu);
  return {
    orders,
    transactionsPerOrder: per(after.transactions - before.transactions - own),
    statementsPerOrder: statements,
    rowsWrittenPerOrder: per(after.rowsWritten - before.rowsWritten),
    walBytesPerOrder: per(after.walBytes - before.walBytes, 0),
    walScope: after.walScope,
    cpuMsPerOrder:
      cores === null || !(window.perSecond > 0)
        ? null
        : round((cores * 1000) / window.perSecond, 3),
  };
}

/** Cores the database sessions used, the benchmark's own session left out; null without /proc. */
export function postgresCores(cpu: CpuUse | null): number | null {
  if (!cpu) return null;
  return Object.entries(cpu.byComponent)
    .filter(([name]) => name.startsWith('postgres: ') && name !== 'postgres: bench')
    .reduce((sum, [, cores]) => sum + cores, 0);
}

/** A WAL position such as `16/B374D848` as a byte offset. */
export function parseLsn(lsn: string): number {
  const [high, low] = lsn.split('/');
  const value = parseInt(high, 16) * 2 ** 32 + parseInt(low, 16);
  if (!Number.isFinite(value)) throw new Error(`not a WAL position: ${lsn}`);
  return value;
}
