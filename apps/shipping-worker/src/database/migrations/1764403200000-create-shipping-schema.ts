import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxTableSql, inboxTableSql } from '@conveyor/transactional-messaging';

export class CreateShippingSchema1764403200000 implements MigrationInterface {
  name = 'CreateShippingSchema1764403200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE shipping.shipments (
        order_id uuid PRIMARY KEY,
        carrier text NOT NULL,
        tracking_number text NOT NULL UNIQUE,
        items jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      ...outboxTableSql('shipping'),
      ...inboxTableSql('shipping'),
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['inbox', 'outbox', 'shipments']) {
      await queryRunner.query(`DROP TABLE shipping.${table}`);
    }
  }
}
