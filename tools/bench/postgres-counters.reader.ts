import type { Pool } from 'pg';
import { parseLsn, type PostgresCounters } from './postgres-cost.per-order';

/** Whether pg_stat_statements answers in the benchmark's database, and if not, why. */
export interface StatementStats {
  available: boolean;
  reason?: string;
}

/**
 * pg_stat_statements needs `shared_preload_libraries`, which a shared server rarely has: the
 * extension is created in the benchmark's own database and read once; a refusal only means
 * statements are not counted.
 */
export async function enableStatementStats(sql: Pool): Promise<StatementStats> {
  try {
    await sql.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await sql.query('SELECT calls FROM pg_stat_statements LIMIT 1');
    return { available: true };
  } catch (error) {
    return { available: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

const SESSIONS_END_TIMEOUT_MS = 15_000;

/**
 * Reads the counters of one database: its transactions and rows written (pg_stat_database), its
 * statements and WAL from pg_stat_statements when loaded, else the server's WAL position, which
 * other databases' writes move too. A busy session reports its counts at most once a second, an
 * idle one up to ten seconds late, and every session when it ends: exact counts are read before a
 * repetition's sessions open and after they have all ended.
 */
export class PostgresCountersReader {
  constructor(
    private readonly sql: Pool,
    private readonly databaseName: string,
    private readonly statementStats: StatementStats,
    private readonly benchQueries: () => number,
  ) {}

  /** Once every client session but the benchmark's own has ended, the counters. */
  async readAfterSessionsEnd(): Promise<PostgresCounters> {
    const deadline = Date.now() + SESSIONS_END_TIMEOUT_MS;
    for (;;) {
      const { rows } = await this.sql.query<{ open: string }>(
        `SELECT count(*) AS open FROM pg_stat_activity
         WHERE datname = $1 AND backend_type = 'client backend' AND application_name <> 'bench'`,
        [this.databaseName],
      );
      if (Number(rows[0].open) === 0) break;
      if (Date.now() >= deadline) throw new Error(`${rows[0].open} sessions still open`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return this.read();
  }

  async read(): Promise<PostgresCounters> {
    const benchQueries = this.benchQueries();
    const { rows } = await this.sql.query<{
      transactions: string;
      rows_written: string;
      lsn: string;
    }>(
      `SELECT xact_commit + xact_rollback AS transactions,
         tup_inserted + tup_updated + tup_deleted AS rows_written, pg_current_wal_lsn() AS lsn
       FROM pg_stat_database WHERE datname = $1`,
      [this.databaseName],
    );
    const counters: PostgresCounters = {
      transactions: Number(rows[0].transactions),
      rowsWritten: Number(rows[0].rows_written),
      statements: null,
      walBytes: parseLsn(rows[0].lsn),
      walScope: 'server',
      benchQueries,
    };
    if (!this.statementStats.available) return counters;
    const statements = await this.sql.query<{ calls: string; wal_bytes: string }>(
      `SELECT coalesce(sum(calls), 0) AS calls, coalesce(sum(wal_bytes), 0) AS wal_bytes
       FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1`,
      [this.databaseName],
    );
    return {
      ...counters,
      statements: Number(statements.rows[0].calls),
      walBytes: Number(statements.rows[0].wal_bytes),
      walScope: 'database',
    };
  }
}
