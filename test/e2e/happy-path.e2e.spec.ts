import { StripeEmulatorControl } from '@conveyor/stripe-emulator';
import { ConveyorStack, freePort, waitFor, type ConveyorApp } from '@conveyor/testing';
import { seedProducts, testEnvironment, uniquePrefix, uniqueSku, withSql } from '../support/test-context';
import { provisionTestQueues } from '../support/test-queues';

describe('one order through the whole pipeline (four apps as real processes)', () => {
  const env = testEnvironment();
  const logs: string[] = [];
  let stack: ConveyorStack;
  let baseUrl: string;

  beforeAll(async () => {
    const prefix = uniquePrefix('happy');
    await provisionTestQueues(env.CONVEYOR_TEST_SQS_ENDPOINT, prefix, 'standard');
    const ports = {} as Record<ConveyorApp, number>;
    for (const app of ['order-api', 'payment-worker', 'inventory-worker', 'shipping-worker'] as const) {
      ports[app] = await freePort();
    }
    stack = new ConveyorStack({
      databaseUrl: env.CONVEYOR_TEST_DATABASE_URL,
      sqsEndpoint: env.CONVEYOR_TEST_SQS_ENDPOINT,
      stripeSecretKey: 'sk_test_conveyor_e2e',
      stripeApiBaseUrl: env.CONVEYOR_TEST_STRIPE_URL,
      queuePrefix: prefix,
      queueMode: 'standard',
      ports,
      onLine: (app, line) => logs.push(`${app} | ${line}`),
    });
    await stack.start();
    baseUrl = `http://127.0.0.1:${ports['order-api']}`;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('accepts an order with 202, then shows it SHIPPED with a shipment and a full timeline', async () => {
    const sku = uniqueSku('e2e-mug');
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 1250, stock: 10 }]);

    const response = await fetch(`${baseUrl}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        items: [{ sku, quantity: 3 }],
        paymentMethod: 'pm_card_visa',
        shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
      }),
    });
    expect(response.status).toBe(202);
    const placed = (await response.json()) as { id: string; status: string; totalCents: number };
    expect(placed.status).toBe('PENDING');
    expect(placed.totalCents).toBe(3750);
    expect(response.headers.get('location')).toBe(`/orders/${placed.id}`);

    const shipped = await waitFor(
      async () => {
        const order = (await (await fetch(`${baseUrl}/orders/${placed.id}`)).json()) as {
          status: string;
          shipment: { carrier: string; trackingNumber: string } | null;
          timeline: { status: string }[];
        };
        return order.status === 'SHIPPED' ? order : undefined;
      },
      { timeoutMs: 30_000, description: `order ${placed.id} to reach SHIPPED` },
    );
    expect(shipped.shipment).toEqual({ carrier: 'CONVEYOR-POST', trackingNumber: expect.stringMatching(/^CP/) });
    expect(shipped.timeline.map((entry) => entry.status)).toEqual([
      'PENDING',
      'PAYMENT_AUTHORIZED',
      'INVENTORY_RESERVED',
      'SHIPPED',
    ]);

    const intents = await new StripeEmulatorControl(env.CONVEYOR_TEST_STRIPE_URL).listPaymentIntents();
    const forOrder = intents.filter((intent) => intent.metadata.order_id === placed.id);
    expect(forOrder).toHaveLength(1);
    expect(forOrder[0]).toMatchObject({ status: 'succeeded', amount: 3750, amount_received: 3750 });

    const stock = await withSql(env.CONVEYOR_TEST_DATABASE_URL, async (sql) => {
      const { rows } = await sql.query('SELECT available, reserved, shipped FROM inventory.stock WHERE sku = $1', [sku]);
      return rows[0] as { available: number; reserved: number; shipped: number };
    });
    expect(stock).toEqual({ available: 7, reserved: 0, shipped: 3 });
  });
});
