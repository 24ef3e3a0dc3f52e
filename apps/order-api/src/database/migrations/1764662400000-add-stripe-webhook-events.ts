import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddStripeWebhookEvents1764662400000 implements MigrationInterface {
  name = 'AddStripeWebhookEvents1764662400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Ids only: the event's payload, which may name the customer, is not kept.
    await queryRunner.query(
      `CREATE TABLE orders.stripe_webhook_events (
         event_id text PRIMARY KEY,
         type text NOT NULL,
         stripe_created_at timestamptz NOT NULL,
         object_id text,
         payment_intent_id text,
         received_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE orders.stripe_webhook_events`);
  }
}
