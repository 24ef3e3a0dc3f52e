import { randomBytes } from 'node:crypto';
import { loadConfig, testEnvSchema, type TestEnvironment } from '@conveyor/config';
import { withPostgresClient } from '@conveyor/dev-stack';

/** Where global setup put the shared database and emulators. */
export function testEnvironment(): TestEnvironment {
  return loadConfig(testEnvSchema);
}

/** A queue prefix no other test file uses, so each file gets its own queues on the emulator. */
export function uniquePrefix(label: string): string {
  return `t${randomBytes(3).toString('hex')}-${label}-`;
}

export interface TestProduct {
  sku: string;
  name?: string;
  priceCents: number;
  stock: number;
}

/** Unique SKUs per test keep stock assertions independent of every other test. */
export function uniqueSku(label: string): string {
  return `${label}-${randomBytes(4).toString('hex')}`.toUpperCase();
}

/** Adds products to the order API's catalog and the inventory's stock, as the seed does. */
export async function seedProducts(databaseUrl: string, products: TestProduct[]): Promise<void> {
  await withPostgresClient(databaseUrl, async (sql) => {
    for (const product of products) {
      await sql.query(
        `INSERT INTO orders.products (sku, name, price_cents, currency, available) VALUES ($1, $2, $3, 'EUR', $4)`,
        [product.sku, product.name ?? product.sku, product.priceCents, product.stock],
      );
      await sql.query(
        `INSERT INTO inventory.stock (sku, available, received) VALUES ($1, $2, $2)`,
        [product.sku, product.stock],
      );
    }
  });
}
