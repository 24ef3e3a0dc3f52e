import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddReconciliationTracking1764576000000 implements MigrationInterface {
  name = 'AddReconciliationTracking1764576000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE orders.orders
         ADD COLUMN last_reconciled_at timestamptz,
         ADD COLUMN reconcile_count integer NOT NULL DEFAULT 0`,
    );
    // The reconciler's scan: only orders still in flight, oldest first.
    await queryRunner.query(
      `CREATE INDEX orders_in_flight_idx ON orders.orders (updated_at)
       WHERE status IN ('PENDING', 'PAYMENT_AUTHORIZED', 'INVENTORY_RESERVED')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX orders.orders_in_flight_idx`);
    await queryRunner.query(
      `ALTER TABLE orders.orders DROP COLUMN last_reconciled_at, DROP COLUMN reconcile_count`,
    );
  }
}
