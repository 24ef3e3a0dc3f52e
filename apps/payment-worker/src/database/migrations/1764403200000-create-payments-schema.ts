import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxTableSql, inboxTableSql } from '@conveyor/transactional-messaging';

export class CreatePaymentsSchema1764403200000 implements MigrationInterface {
  name = 'CreatePaymentsSchema1764403200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE payments.payments (
        order_id uuid PRIMARY KEY,
        payment_intent_id text UNIQUE,
        status text NOT NULL CHECK (status IN ('AUTHORIZED', 'DECLINED', 'CAPTURED', 'VOIDED')),
        amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
        currency char(3) NOT NULL,
        failure_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      ...outboxTableSql('payments'),
      ...inboxTableSql('payments'),
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['inbox', 'outbox', 'payments']) {
      await queryRunner.query(`DROP TABLE payments.${table}`);
    }
  }
}
