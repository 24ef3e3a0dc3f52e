import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxTableSql, inboxTableSql } from '@conveyor/transactional-messaging';

export class CreateOrdersSchema1764403200000 implements MigrationInterface {
  name = 'CreateOrdersSchema1764403200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE orders.products (
        sku text PRIMARY KEY,
        name text NOT NULL,
        price_cents integer NOT NULL CHECK (price_cents >= 0),
        currency char(3) NOT NULL,
        available integer NOT NULL DEFAULT 0 CHECK (available >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE orders.orders (
        id uuid PRIMARY KEY,
        customer_id text NOT NULL,
        status text NOT NULL,
        currency char(3) NOT NULL,
        total_cents bigint NOT NULL CHECK (total_cents >= 0),
        shipping_address jsonb NOT NULL,
        payment_method text NOT NULL,
        shipment jsonb,
        failure_reason text,
        timeline jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
      `CREATE INDEX orders_customer_created_idx ON orders.orders (customer_id, created_at DESC, id DESC)`,
      `CREATE INDEX orders_status_updated_idx ON orders.orders (status, updated_at)`,
      `CREATE TABLE orders.order_items (
        order_id uuid NOT NULL REFERENCES orders.orders (id) ON DELETE CASCADE,
        sku text NOT NULL,
        name text NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        unit_price_cents integer NOT NULL CHECK (unit_price_cents >= 0),
        PRIMARY KEY (order_id, sku)
      )`,
      ...outboxTableSql('orders'),
      ...inboxTableSql('orders'),
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['inbox', 'outbox', 'order_items', 'orders', 'products']) {
      await queryRunner.query(`DROP TABLE orders.${table}`);
    }
  }
}
