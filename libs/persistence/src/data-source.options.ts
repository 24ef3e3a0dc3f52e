import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import type { DatabaseConnection } from '@conveyor/config';
import { postgresSslOptions } from './database-tls.options';

export interface ServiceDatabaseOptions {
  url: string;
  /** DATABASE_SSL: every connection of the app and its migrations is made the same way. */
  ssl: DatabaseConnection['ssl'];
  poolSize: number;
  /** The service's own schema: entities without an explicit schema land here. */
  schema: string;
  applicationName: string;
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
      max: options.poolSize,
      connectionTimeoutMillis: 3_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: 10_000,
      query_timeout: 15_000,
    },
  };
}
