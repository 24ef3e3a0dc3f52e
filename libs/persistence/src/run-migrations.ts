import { DataSource, type DataSourceOptions } from 'typeorm';

/**
 * Applies a service's pending migrations. The schema is created first because TypeORM keeps
 * its migrations table inside it.
 */
export async function runMigrations(options: DataSourceOptions & { schema?: string }) {
  const dataSource = new DataSource({ ...options, logging: false });
  await dataSource.initialize();
  try {
    if (options.schema) {
      await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
    }
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
