import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import type { DatabaseConnection, DependencyTimeouts } from '@conveyor/config';
import { postgresSslOptions } from './database-tls.options';
import { TimeoutDiscardingClient } from './timeout-discarding.client';

const DEFAULT_TIMEOUTS: DependencyTimeouts['database'] = {
  connectMs: 3_000,
  statementMs: 10_000,
  queryMs: 15_000,
  idleInTransactionMs: 60_000,
};

export interface ServiceDatabaseOptions {
  url: string;
  /** DATABASE_SSL: every connection of the app and its migrations is made the same way. */
  ssl: DatabaseConnection['ssl'];
  poolSize: number;
  /** The service's own schema: entities without an explicit schema land here. */
  schema: string;
  applicationName: string;
  /** DATABASE_*_TIMEOUT_MS; unset: the same defaults as the apps' config. */
  timeouts?: DependencyTimeouts['database'];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: MixedList<Function | string>;
}

/**
 * One place that decides how every service talks to PostgreSQL: its own schema, migrations
 * only (never synchronize), bounded pool and timeouts so an unreachable database fails fast
 * instead of hanging requests and message handlers.
 */
export function serviceDataSourceOptions(options: ServiceDatabaseOptions): DataSourceOptions {
  const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
  return {
    type: 'postgres',
    url: options.url,
    ssl: postgresSslOptions(options.ssl),
    schema: options.schema,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    applicationName: options.applicationName,
    extra: {
      Client: TimeoutDiscardingClient,
      max: options.poolSize,
      // pg-pool applies it to waiting for a free pooled connection as well as to opening one.
      connectionTimeoutMillis: timeouts.connectMs,
      idleTimeoutMillis: 30_000,
      statement_timeout: timeouts.statementMs,
      query_timeout: timeouts.queryMs,
      idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
      keepAlive: true,
    },
  };
}
