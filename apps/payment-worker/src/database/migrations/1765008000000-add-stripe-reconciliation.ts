import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddStripeReconciliation1765008000000 implements MigrationInterface {
  name = 'AddStripeReconciliation1765008000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      // CANCELED: Stripe canceled the authorization (it expired, or was canceled outside Conveyor).
      `ALTER TABLE payments.payments DROP CONSTRAINT payments_status_check`,
      `ALTER TABLE payments.payments ADD CONSTRAINT payments_status_check
         CHECK (status IN ('AUTHORIZED', 'DECLINED', 'CAPTURED', 'VOIDED', 'CANCELED'))`,
      // Refunds are made outside Conveyor (the dashboard); Stripe reports the cumulative amount.
      `ALTER TABLE payments.payments
         ADD COLUMN refunded_cents bigint NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0)`,
      `CREATE TABLE payments.disputes (
         dispute_id text PRIMARY KEY,
         order_id uuid NOT NULL,
         payment_intent_id text NOT NULL,
         amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
         currency char(3) NOT NULL,
         reason text NOT NULL,
         stripe_created_at timestamptz NOT NULL,
         recorded_at timestamptz NOT NULL DEFAULT now()
       )`,
      `CREATE INDEX disputes_order_id ON payments.disputes (order_id)`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE payments.disputes`);
    await queryRunner.query(`ALTER TABLE payments.payments DROP COLUMN refunded_cents`);
    await queryRunner.query(`ALTER TABLE payments.payments DROP CONSTRAINT payments_status_check`);
    await queryRunner.query(
      `ALTER TABLE payments.payments ADD CONSTRAINT payments_status_check
         CHECK (status IN ('AUTHORIZED', 'DECLINED', 'CAPTURED', 'VOIDED'))`,
    );
  }
}
