import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddIdempotencyAndCancellation1764489600000 implements MigrationInterface {
  name = 'AddIdempotencyAndCancellation1764489600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Keys are scoped per customer; the stored answer is replayed for a repeated request.
    await queryRunner.query(`CREATE TABLE orders.idempotency_keys (
      customer_id text NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      response_status integer NOT NULL,
      response_body jsonb NOT NULL,
      order_id uuid NOT NULL REFERENCES orders.orders (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (customer_id, key)
    )`);
    await queryRunner.query(
      `CREATE INDEX idempotency_keys_created_at_idx ON orders.idempotency_keys (created_at)`,
    );
    await queryRunner.query(
      `ALTER TABLE orders.orders ADD COLUMN cancellation_requested_at timestamptz`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE orders.orders DROP COLUMN cancellation_requested_at`);
    await queryRunner.query(`DROP TABLE orders.idempotency_keys`);
  }
}
