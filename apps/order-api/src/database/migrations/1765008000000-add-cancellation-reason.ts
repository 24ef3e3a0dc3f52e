import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCancellationReason1765008000000 implements MigrationInterface {
  name = 'AddCancellationReason1765008000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Who asked: the customer, or Stripe canceling the authorization. Earlier requests were the
    // customer's.
    await queryRunner.query(`ALTER TABLE orders.orders ADD COLUMN cancellation_reason text`);
    await queryRunner.query(
      `UPDATE orders.orders SET cancellation_reason = 'CUSTOMER_REQUEST'
       WHERE cancellation_requested_at IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE orders.orders DROP COLUMN cancellation_reason`);
  }
}
