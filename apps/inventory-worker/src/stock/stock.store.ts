import type { EntityManager } from 'typeorm';
import type { OrderLine } from '@conveyor/contracts';

export interface StockLevel {
  sku: string;
  available: number;
}

/**
 * SQL over inventory.stock. Rows are locked in SKU order so concurrent orders touching the same
 * SKUs queue up instead of deadlocking, and the CHECK constraints back up the code: stock can
 * never go below zero.
 */
export class StockStore {
  static async lock(manager: EntityManager, skus: string[]): Promise<Map<string, number>> {
    const rows = await manager.query<StockLevel[]>(
      `SELECT sku, available FROM inventory.stock WHERE sku = ANY($1) ORDER BY sku FOR UPDATE`,
      [skus],
    );
    return new Map(rows.map((row) => [row.sku, row.available]));
  }

  /**
   * One line per SKU, quantities added up: the message schema allows a SKU twice, and checking
   * each line alone against the stock would pass two lines that together cannot be covered.
   */
  static combine(lines: OrderLine[]): OrderLine[] {
    const bySku = new Map<string, number>();
    for (const { sku, quantity } of lines) bySku.set(sku, (bySku.get(sku) ?? 0) + quantity);
    return [...bySku].map(([sku, quantity]) => ({ sku, quantity }));
  }

  /** Moves units between columns of the same SKU, e.g. available → reserved. */
  static async move(
    manager: EntityManager,
    lines: OrderLine[],
    from: 'available' | 'reserved',
    to: 'reserved' | 'shipped' | 'available',
  ): Promise<StockLevel[]> {
    const levels: StockLevel[] = [];
    for (const line of [...lines].sort((a, b) => a.sku.localeCompare(b.sku))) {
      const [rows] = await manager.query<[StockLevel[], number]>(
        `UPDATE inventory.stock SET ${from} = ${from} - $2, ${to} = ${to} + $2, updated_at = now()
         WHERE sku = $1 AND ${from} >= $2 RETURNING sku, available`,
        [line.sku, line.quantity],
      );
      if (rows.length !== 1) throw new Error(`stock of ${line.sku} cannot cover ${line.quantity}`);
      levels.push(rows[0]);
    }
    return levels;
  }
}
