import { readFile } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { configOrExit, databaseConnection, loadConfig, migrationEnvSchema } from '@conveyor/config';
import { serviceDataSourceOptions } from './data-source.options';
import { runMigrations } from './run-migrations';

export interface ServiceDatabase {
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
}

export interface SeedProduct {
  sku: string;
  name: string;
  priceCents: number;
  currency: string;
  stock: number;
}

export type CatalogSeeder = (dataSource: DataSource, products: SeedProduct[]) => Promise<number>;

/**
 * The body of each service's `migrate` entry point: applies that service's migrations to its own
 * schema and, given `--seed <catalog.json>`, adds the products it does not have yet (existing
 * rows, and the stock already sold from them, are left alone).
 */
export async function runMigrationCommand(
  service: string,
  database: ServiceDatabase,
  seed?: CatalogSeeder,
): Promise<void> {
  const connection = databaseConnection(configOrExit(() => loadConfig(migrationEnvSchema)));
  const options = serviceDataSourceOptions({
    ...connection,
    poolSize: 2,
    schema: database.schema,
    applicationName: `${service}-migrate`,
    entities: database.entities,
    migrations: database.migrations,
  });
  const applied = await runMigrations(options);
  console.log(`${service}: ${applied.length} migration(s) applied to schema ${database.schema}`);
  const seedIndex = process.argv.indexOf('--seed');
  if (!seed || seedIndex === -1) return;
  const products = JSON.parse(await readFile(process.argv[seedIndex + 1], 'utf8')) as SeedProduct[];
  const dataSource = await new DataSource(options).initialize();
  try {
    const added = await seed(dataSource, products);
    console.log(`${service}: seeded ${added} new product(s)`);
  } finally {
    await dataSource.destroy();
  }
}
