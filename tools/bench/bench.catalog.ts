import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { OrderRequestBody } from '../loadtest/order-mix.generator';

export interface BenchProduct {
  sku: string;
  priceCents: number;
}

/**
 * Twenty products with stock no run can exhaust: every order ships, and orders spread over enough
 * stock rows that the row locks of a reservation rarely queue behind each other.
 */
export const BENCH_PRODUCTS: readonly BenchProduct[] = Array.from({ length: 20 }, (_, index) => ({
  sku: `BENCH-${String(index + 1).padStart(3, '0')}`,
  priceCents: 500 + index * 125,
}));
const STOCK = 1_000_000_000;

export async function seedBenchCatalog(sql: Pool): Promise<void> {
  for (const product of BENCH_PRODUCTS) {
    await sql.query(
      `INSERT INTO orders.products (sku, name, price_cents, currency, available)
       VALUES ($1, $2, $3, 'EUR', $4)`,
      [product.sku, `Bench ${product.sku}`, product.priceCents, STOCK],
    );
    await sql.query(`INSERT INTO inventory.stock (sku, available, received) VALUES ($1, $2, $2)`, [
      product.sku,
      STOCK,
    ]);
  }
}

export const BENCH_ADDRESS = {
  name: 'Ada Lovelace',
  line1: '1 Main Street',
  city: 'Berlin',
  postalCode: '10115',
  country: 'DE',
};

/** One to three distinct products, as a small web-shop basket. */
export function orderRequestBody(sequence: number): OrderRequestBody {
  const lines = 1 + (sequence % 3);
  const items = Array.from({ length: lines }, (_, line) => ({
    sku: BENCH_PRODUCTS[(sequence * 7 + line * 3) % BENCH_PRODUCTS.length].sku,
    quantity: 1 + ((sequence + line) % 2),
  }));
  return { items, paymentMethod: 'pm_card_visa', shippingAddress: BENCH_ADDRESS };
}

/** Customers of one measured run share a tag, so the run's orders can be counted afterwards. */
export function benchCustomer(runTag: string, sequence: number, customers = 8): string {
  return `${runTag}-c${sequence % customers}`;
}

export function newRunTag(label: string): string {
  return `bench-${label}-${randomUUID().slice(0, 8)}`;
}
