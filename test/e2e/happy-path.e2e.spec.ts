import { StripeEmulatorControl } from '@conveyor/stripe-emulator';
import { waitFor, withPostgresClient } from '@conveyor/dev-stack';
import { startE2eStack, type E2eStack } from '../support/e2e-stack';
import { seedProducts, testEnvironment, uniqueSku } from '../support/test-context';

describe.each(['standard', 'fifo'] as const)(
  'one order through the whole pipeline on %s queues (four apps as real processes)',
  (mode) => {
    const env = testEnvironment();
    let e2e: E2eStack;

    beforeAll(async () => {
      e2e = await startE2eStack({ label: `happy-${mode}`, mode });
    });

    afterAll(async () => {
      await e2e?.stop();
    });

    it('accepts an order with 202, then shows it SHIPPED with a shipment and a full timeline', async () => {
      const sku = uniqueSku('e2e-mug');
      await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 1250, stock: 10 }]);
      const token = await e2e.token('alice');

      const response = await e2e.api.placeOrder(token, [{ sku, quantity: 3 }]);
      expect(response.status).toBe(202);
      const placed = response.body as { id: string; status: string; totalCents: number };
      expect(placed.status).toBe('PENDING');
      expect(placed.totalCents).toBe(3750);
      expect(response.headers.get('location')).toBe(`/orders/${placed.id}`);

      const shipped = await waitFor(
        async () => {
          const { body } = await e2e.api.getOrder(token, placed.id);
          return body.status === 'SHIPPED' ? body : undefined;
        },
        { timeoutMs: 30_000, description: `order ${placed.id} to reach SHIPPED` },
      );
      expect(shipped.shipment).toEqual({
        carrier: 'CONVEYOR-POST',
        trackingNumber: expect.stringMatching(/^CP/),
      });
      expect(shipped.timeline.map((entry: { status: string }) => entry.status)).toEqual([
        'PENDING',
        'PAYMENT_AUTHORIZED',
        'INVENTORY_RESERVED',
        'SHIPPED',
      ]);

      const intents = await new StripeEmulatorControl(
        env.CONVEYOR_TEST_STRIPE_URL,
      ).listPaymentIntents();
      const forOrder = intents.filter((intent) => intent.metadata.order_id === placed.id);
      expect(forOrder).toHaveLength(1);
      expect(forOrder[0]).toMatchObject({
        status: 'succeeded',
        amount: 3750,
        amount_received: 3750,
        captureCount: 1,
      });

      const stock = await withPostgresClient(env.CONVEYOR_TEST_DATABASE_URL, async (sql) => {
        const { rows } = await sql.query(
          'SELECT available, reserved, shipped FROM inventory.stock WHERE sku = $1',
          [sku],
        );
        return rows[0] as { available: number; reserved: number; shipped: number };
      });
      expect(stock).toEqual({ available: 7, reserved: 0, shipped: 3 });
    });
  },
);
