import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { Pool } from 'pg';
import { z } from 'zod';
import { envFields, loadConfig } from '@conveyor/config';
import {
  createSqsClient,
  provisionQueues,
  resolveQueueTopology,
  type QueueDirectory,
  type QueueMode,
} from '@conveyor/messaging';
import {
  CONVEYOR_APPS,
  dropDatabase,
  ensureDatabase,
  freePort,
  runMigrateProcess,
  startEmbeddedPostgres,
} from '@conveyor/dev-stack';
import { seedBenchCatalog } from './bench.catalog';
import { ProcessCpuSampler } from './process-cpu.sampler';
import { ProcessMemorySampler, SHARED_PROCESSES } from './process-memory.sampler';
import {
  enableStatementStats,
  PostgresCountersReader,
  type StatementStats,
} from './postgres-counters.reader';
import { countQueries, WindowMeter } from './window.meter';
import { startCountingSqsEmulator, type CountingSqsEmulator } from './sqs-call-counter.process';
import { startStripeEmulatorProcess, type StripeEmulatorProcess } from './stripe-emulator.process';

const benchEnvSchema = z.object({ DATABASE_URL: envFields.databaseUrl.optional() });

export const BENCH_SQS_CREDENTIALS = { accessKeyId: 'bench', secretAccessKey: 'bench' };
export const BENCH_STRIPE_KEY = 'sk_test_conveyor_bench';

/**
 * What every variant shares and nothing else uses: a fresh database with every service's
 * migrations and the benchmark catalog, an in-memory fauxqs that counts calls, and the Stripe
 * emulator. `DATABASE_URL` names a server to create the database on; unset, an embedded one runs.
 */
export class BenchEnvironment {
  readonly postgresMode: 'DATABASE_URL' | 'embedded';
  private readonly cleanups: (() => Promise<void>)[] = [];

  private constructor(
    readonly databaseName: string,
    readonly databaseUrl: string,
    readonly sql: Pool,
    readonly sqs: SQSClient,
    readonly sqsEmulator: CountingSqsEmulator,
    readonly stripe: StripeEmulatorProcess,
    postgresMode: 'DATABASE_URL' | 'embedded',
    readonly statementStats: StatementStats,
    private readonly benchQueries: () => number,
  ) {
    this.postgresMode = postgresMode;
  }

  static async start(log: (line: string) => void): Promise<BenchEnvironment> {
    const cleanups: (() => Promise<void>)[] = [];
    try {
      const { DATABASE_URL } = loadConfig(benchEnvSchema);
      const adminUrl = DATABASE_URL ?? (await startEmbedded(cleanups, log));
      const name = `conveyor_bench_${Date.now()}`;
      const databaseUrl = await ensureDatabase(adminUrl, name);
      cleanups.push(() => dropDatabase(adminUrl, name));
      log(`database ${name}: running every service's migrations`);
      for (const app of CONVEYOR_APPS) {
        await runMigrateProcess({ app, env: { PATH: '', DATABASE_URL: databaseUrl } });
      }
      const sql = new Pool({ connectionString: databaseUrl, max: 4, application_name: 'bench' });
      // An idle session the server closes (a restart, a terminated backend) must not end the run.
      sql.on('error', (error) => log(`database session lost: ${error.message}`));
      cleanups.push(() => sql.end());
      const benchQueries = countQueries(sql);
      await seedBenchCatalog(sql);
      const statementStats = await enableStatementStats(sql);
      log(
        statementStats.available
          ? 'pg_stat_statements: loaded, statements are counted'
          : `pg_stat_statements: not available (${statementStats.reason})`,
      );
      const sqsEmulator = await startCountingSqsEmulator();
      cleanups.push(() => sqsEmulator.stop());
      const stripe = await startStripeEmulatorProcess();
      cleanups.push(() => stripe.stop());
      const sqs = createSqsClient({
        region: 'us-east-1',
        endpoint: sqsEmulator.endpoint,
        credentials: BENCH_SQS_CREDENTIALS,
      });
      cleanups.push(() => Promise.resolve(sqs.destroy()));
      const mode = DATABASE_URL ? 'DATABASE_URL' : 'embedded';
      const environment = new BenchEnvironment(
        name,
        databaseUrl,
        sql,
        sqs,
        sqsEmulator,
        stripe,
        mode,
        statementStats,
        benchQueries,
      );
      environment.cleanups.push(...cleanups);
      return environment;
    } catch (error) {
      await runCleanups(cleanups);
      throw error;
    }
  }

  /** Creates one variant's own queues, so no variant ever sees another's messages. */
  provisionQueues(prefix: string, mode: QueueMode): Promise<QueueDirectory> {
    return provisionQueues(this.sqs, resolveQueueTopology({ prefix, mode }));
  }

  /**
   * A measured window's readings: CPU and resident memory of `processes`, the emulators and this
   * process, and the CPU of every database session.
   */
  meter(processes: Record<string, number | undefined>): WindowMeter {
    const all = { ...processes, ...this.sharedProcesses() };
    return new WindowMeter(
      new ProcessCpuSampler(() => all, this.sql, this.databaseName),
      new ProcessMemorySampler(() => all),
    );
  }

  /** PostgreSQL's counters for the benchmark database (see PostgresCountersReader). */
  get counters(): PostgresCountersReader {
    return new PostgresCountersReader(
      this.sql,
      this.databaseName,
      this.statementStats,
      this.benchQueries,
    );
  }

  private sharedProcesses(): Record<string, number | undefined> {
    return {
      [SHARED_PROCESSES.sqs]: this.sqsEmulator.pid,
      [SHARED_PROCESSES.stripe]: this.stripe.pid,
      [SHARED_PROCESSES.bench]: process.pid,
    };
  }

  async stop(): Promise<void> {
    await runCleanups(this.cleanups);
  }
}

async function startEmbedded(cleanups: (() => Promise<void>)[], log: (line: string) => void) {
  log('DATABASE_URL unset: starting an embedded PostgreSQL');
  const dir = mkdtempSync(path.join(tmpdir(), 'conveyor-bench-pg-'));
  // As root, PostgreSQL runs as the `postgres` user, who must be able to create its data here.
  chmodSync(dir, 0o777);
  cleanups.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
  const server = { dataDir: path.join(dir, 'data'), port: await freePort() };
  const first = await startEmbeddedPostgres(server);
  // The benchmark's own server can preload pg_stat_statements (statements and WAL per database);
  // it takes a restart.
  const preloaded = await preloadStatementStats(first.adminUrl);
  await first.stop();
  const postgres = await startEmbeddedPostgres(server);
  cleanups.push(() => postgres.stop());
  if (!preloaded) log('embedded PostgreSQL: pg_stat_statements could not be preloaded');
  return postgres.adminUrl;
}

async function preloadStatementStats(adminUrl: string): Promise<boolean> {
  const admin = new Pool({ connectionString: adminUrl, max: 1 });
  try {
    await admin.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
    return true;
  } catch {
    return false;
  } finally {
    await admin.end();
  }
}

/** Last started, first stopped; one failing cleanup does not keep the others from running. */
async function runCleanups(cleanups: (() => Promise<void>)[]): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup().catch((error: unknown) => console.error('bench cleanup failed:', error));
  }
}
