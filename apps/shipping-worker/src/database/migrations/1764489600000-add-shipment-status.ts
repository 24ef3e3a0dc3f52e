import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A shipment row is also the cancellation decision: CANCELLED marks an order that must never
 * ship, so a shipment request arriving after the cancellation creates nothing.
 */
export class AddShipmentStatus1764489600000 implements MigrationInterface {
  name = 'AddShipmentStatus1764489600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE shipping.shipments
         ADD COLUMN status text NOT NULL DEFAULT 'CREATED' CHECK (status IN ('CREATED', 'CANCELLED')),
         ALTER COLUMN carrier DROP NOT NULL,
         ALTER COLUMN tracking_number DROP NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM shipping.shipments WHERE status = 'CANCELLED'`);
    await queryRunner.query(
      `ALTER TABLE shipping.shipments DROP COLUMN status,
         ALTER COLUMN carrier SET NOT NULL, ALTER COLUMN tracking_number SET NOT NULL`,
    );
  }
}
