import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every unit a SKU ever received (its initial stock plus every restock), so that conservation
 * can be checked from the row alone: received = available + reserved + shipped.
 */
export class AddReceivedUnits1764921600000 implements MigrationInterface {
  name = 'AddReceivedUnits1764921600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE inventory.stock ADD COLUMN received integer NOT NULL DEFAULT 0 CHECK (received >= 0)`,
    );
    await queryRunner.query(`UPDATE inventory.stock SET received = available + reserved + shipped`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE inventory.stock DROP COLUMN received`);
  }
}
