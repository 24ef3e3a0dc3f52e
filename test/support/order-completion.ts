import { StripeEmulatorControl } from '@conveyor/stripe-emulator';
import { waitFor, withPostgresClient } from '@conveyor/dev-stack';
import type { E2eStack } from './e2e-stack';
import { testEnvironment } from './test-context';

/**
 * Waits until an order of `quantity` units of `sku` has had every effect of the happy path:
 * shipped, payment captured, stock counted as shipped. Only then are all apps done with it.
 */
export async function waitForOrderToFinish(
  e2e: E2eStack,
  order: { token: string; id: string; sku: string; quantity: number },
): Promise<void> {
  const env = testEnvironment();
  const stripe = new StripeEmulatorControl(env.CONVEYOR_TEST_STRIPE_URL);
  await waitFor(
    async () => (await e2e.api.getOrder(order.token, order.id)).body.status === 'SHIPPED',
    {
      timeoutMs: 60_000,
      description: `order ${order.id} to ship`,
    },
  );
  await waitFor(
    async () => {
      const intents = await stripe.listPaymentIntents();
      const captured = intents.some(
        (i) => i.metadata.order_id === order.id && i.captureCount === 1,
      );
      const shipped = await withPostgresClient(env.CONVEYOR_TEST_DATABASE_URL, async (sql) => {
        const { rows } = await sql.query('SELECT shipped FROM inventory.stock WHERE sku = $1', [
          order.sku,
        ]);
        return rows[0]?.shipped === order.quantity;
      });
      return captured && shipped;
    },
    { timeoutMs: 30_000, description: `payment capture and shipped stock of order ${order.id}` },
  );
}
