import type { CatalogSeeder } from '@conveyor/persistence';
import { ProductEntity } from '../catalog/product.entity';
import { OrderEntity } from '../orders/persistence/order.entity';
import { OrderItemEntity } from '../orders/persistence/order-item.entity';
import { CreateOrdersSchema1764403200000 } from './migrations/1764403200000-create-orders-schema';
import { AddIdempotencyAndCancellation1764489600000 } from './migrations/1764489600000-add-idempotency-and-cancellation';
import { AddReconciliationTracking1764576000000 } from './migrations/1764576000000-add-reconciliation-tracking';
import { AddStripeWebhookEvents1764662400000 } from './migrations/1764662400000-add-stripe-webhook-events';
import { AddCancellationReason1765008000000 } from './migrations/1765008000000-add-cancellation-reason';

export const ordersDatabase = {
  schema: 'orders',
  entities: [OrderEntity, OrderItemEntity, ProductEntity],
  migrations: [
    CreateOrdersSchema1764403200000,
    AddIdempotencyAndCancellation1764489600000,
    AddReconciliationTracking1764576000000,
    AddStripeWebhookEvents1764662400000,
    AddCancellationReason1765008000000,
  ],
};

/** Adds catalog entries this service has never seen; existing prices and levels stay. */
export const seedCatalog: CatalogSeeder = async (dataSource, products) => {
  let added = 0;
  for (const product of products) {
    const rows = await dataSource.query<unknown[]>(
      `INSERT INTO orders.products (sku, name, price_cents, currency, available)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sku) DO NOTHING RETURNING sku`,
      [product.sku, product.name, product.priceCents, product.currency, product.stock],
    );
    added += rows.length;
  }
  return added;
};
