import { testEnvironment } from '../support/test-context';
import { withPostgresClient } from '@conveyor/dev-stack';

/**
 * Each test file works on its own copy of the migrated database (file-database.setup.ts), so what
 * one file leaves behind (unfinished orders, stock) never reaches another file's stacks.
 */
describe('the database of a test file', () => {
  const { CONVEYOR_TEST_DATABASE_URL, CONVEYOR_TEST_ADMIN_DATABASE_URL } = testEnvironment();

  it('is a copy of its own, made from the migrated database', async () => {
    const name = await withPostgresClient(CONVEYOR_TEST_DATABASE_URL, async (sql) => {
      const { rows } = await sql.query<{ name: string }>('SELECT current_database() AS name');
      return rows[0].name;
    });
    expect(name).toMatch(/^conveyor_test_\d+_[0-9a-f]{12}$/);
    const template = name.slice(0, name.lastIndexOf('_'));
    const templates = await withPostgresClient(CONVEYOR_TEST_ADMIN_DATABASE_URL, async (sql) => {
      const { rows } = await sql.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE datname = $1',
        [template],
      );
      return rows;
    });
    expect(templates).toHaveLength(1);
  });

  it('holds every service schema with its migrations and no rows of other files', async () => {
    await withPostgresClient(CONVEYOR_TEST_DATABASE_URL, async (sql) => {
      for (const schema of ['orders', 'payments', 'inventory', 'shipping']) {
        const { rows } = await sql.query<{ count: string }>(
          `SELECT count(*) FROM "${schema}".migrations`,
        );
        expect(Number(rows[0].count)).toBeGreaterThan(0);
      }
      const orders = await sql.query<{ count: string }>('SELECT count(*) FROM orders.orders');
      expect(Number(orders.rows[0].count)).toBe(0);
    });
  });
});
