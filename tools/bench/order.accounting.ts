import type { Pool } from 'pg';
import type { Accounting } from './bench-report.types';

const CHUNK = 5_000;

/**
 * Which of `ids` the orders table shows as required: present at all (`status` undefined) or in
 * the given status. Every accepted order must be there; a missing one is a lost order.
 */
export async function accountOrders(
  sql: Pool,
  ids: readonly string[],
  status?: string,
): Promise<Accounting> {
  const found = new Set<string>();
  for (let start = 0; start < ids.length; start += CHUNK) {
    const { rows } = await sql.query<{ id: string }>(
      `SELECT id FROM orders.orders WHERE id = ANY($1::uuid[]) AND ($2::text IS NULL OR status = $2)`,
      [ids.slice(start, start + CHUNK), status ?? null],
    );
    for (const row of rows) found.add(row.id);
  }
  const missingIds = ids.filter((id) => !found.has(id));
  return {
    accepted: ids.length,
    accountedFor: found.size,
    missing: missingIds.length,
    missingIds: missingIds.slice(0, 20),
  };
}

/** Polls until every id is in `status` or the deadline passes; returns the final accounting. */
export async function waitUntilAccounted(
  sql: Pool,
  ids: readonly string[],
  status: string,
  timeoutMs: number,
): Promise<Accounting> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const accounting = await accountOrders(sql, ids, status);
    if (accounting.missing === 0 || Date.now() >= deadline) return accounting;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
