import type { DataSource } from 'typeorm';

/** A readiness check: rejects when the database does not answer a trivial query. */
export function databaseReadinessCheck(dataSource: DataSource): () => Promise<void> {
  return async () => {
    await dataSource.query('SELECT 1');
  };
}
