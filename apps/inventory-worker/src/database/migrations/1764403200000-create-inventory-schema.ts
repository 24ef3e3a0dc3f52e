import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxTableSql, inboxTableSql } from '@conveyor/transactional-messaging';

export class CreateInventorySchema1764403200000 implements MigrationInterface {
  name = 'CreateInventorySchema1764403200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      // Stock is conserved: initial = available + reserved + shipped, none of them ever negative.
      `CREATE TABLE inventory.stock (
        sku text PRIMARY KEY,
        available integer NOT NULL CHECK (available >= 0),
        reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
        shipped integer NOT NULL DEFAULT 0 CHECK (shipped >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE inventory.reservations (
        order_id uuid PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('RESERVED', 'REJECTED', 'RELEASED', 'FULFILLED')),
        items jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      ...outboxTableSql('inventory'),
      ...inboxTableSql('inventory'),
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['inbox', 'outbox', 'reservations', 'stock']) {
      await queryRunner.query(`DROP TABLE inventory.${table}`);
    }
  }
}
