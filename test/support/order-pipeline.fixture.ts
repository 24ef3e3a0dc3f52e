import { randomUUID } from 'node:crypto';
import type { ApiResponse } from './api-client';
import type { E2eStack } from './e2e-stack';
import { seedProducts, testEnvironment, uniqueSku } from './test-context';

export interface Shopper {
  /** A SKU of the shopper's own, so stock assertions see no other test's orders. */
  sku: string;
  token: string;
  /** Places an order of `quantity` units of `sku`; expects 202 and returns the order id. */
  place(quantity?: number, paymentMethod?: string): Promise<string>;
  cancel(orderId: string): Promise<ApiResponse>;
  list(query?: string): Promise<ApiResponse>;
}

/** A new customer and a new product with `stock` units. */
export async function newShopper(e2e: E2eStack, label: string, stock: number): Promise<Shopper> {
  const sku = uniqueSku(label);
  await seedProducts(testEnvironment().CONVEYOR_TEST_DATABASE_URL, [
    { sku, priceCents: 1200, stock },
  ]);
  const token = await e2e.token(`${label}-${randomUUID()}`);
  return {
    sku,
    token,
    async place(quantity = 1, paymentMethod) {
      const response = await e2e.api.placeOrder(token, [{ sku, quantity }], { paymentMethod });
      expect(response.status).toBe(202);
      return response.body.id as string;
    },
    cancel: (orderId) => e2e.api.request('POST', `/orders/${orderId}/cancel`, { token }),
    list: (query = '') => e2e.api.request('GET', `/orders${query}`, { token }),
  };
}
