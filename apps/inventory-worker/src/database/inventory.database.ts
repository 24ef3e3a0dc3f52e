import type { CatalogSeeder } from '@conveyor/persistence';
import { CreateInventorySchema1764403200000 } from './migrations/1764403200000-create-inventory-schema';
import { AddReceivedUnits1764921600000 } from './migrations/1764921600000-add-received-units';

export const inventoryDatabase = {
  schema: 'inventory',
  entities: [],
  migrations: [CreateInventorySchema1764403200000, AddReceivedUnits1764921600000],
};

/** Adds stock rows for SKUs this service has never seen; existing stock is never reset. */
export const seedInventory: CatalogSeeder = async (dataSource, products) => {
  let added = 0;
  for (const product of products) {
    const rows = await dataSource.query<unknown[]>(
      `INSERT INTO inventory.stock (sku, available, received) VALUES ($1, $2, $2)
       ON CONFLICT (sku) DO NOTHING RETURNING sku`,
      [product.sku, product.stock],
    );
    added += rows.length;
  }
  return added;
};
