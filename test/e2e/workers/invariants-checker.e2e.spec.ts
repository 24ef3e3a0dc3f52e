import { randomUUID } from 'node:crypto';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import Stripe from 'stripe';
import { ADDRESS } from '../../support/api-client';
import { checkInvariants, type InvariantScope } from '../../support/invariants';
import { fifoFieldsFor, sqsClientFor } from '../../support/queue-messages.probe';
import { seedProducts, testEnvironment, uniquePrefix, uniqueSku } from '../../support/test-context';
import { provisionTestQueues } from '../../support/test-queues';
import { withPostgresClient } from '@conveyor/dev-stack';

const env = testEnvironment();
const DB = env.CONVEYOR_TEST_DATABASE_URL;

/** The checker itself, on rows and PaymentIntents written by hand: it must see what is broken. */
describe('checkInvariants', () => {
  let scope: InvariantScope;
  const stripeUrl = new URL(env.CONVEYOR_TEST_STRIPE_URL);
  const stripe = new Stripe('sk_test_conveyor_e2e', {
    host: stripeUrl.hostname,
    port: Number(stripeUrl.port),
    protocol: 'http',
  });

  beforeAll(async () => {
    const directory = await provisionTestQueues(
      env.CONVEYOR_TEST_SQS_ENDPOINT,
      uniquePrefix('invariants'),
      'standard',
    );
    scope = {
      databaseUrl: DB,
      stripeUrl: env.CONVEYOR_TEST_STRIPE_URL,
      sqsEndpoint: env.CONVEYOR_TEST_SQS_ENDPOINT,
      directory,
      orderIds: [],
      skus: [],
    };
  }, 30_000);

  it('names an order stuck outside a terminal status, until a message about it is dead-lettered', async () => {
    const id = await insertOrder('PAYMENT_AUTHORIZED');
    expect(await checkInvariants({ ...scope, orderIds: [id] })).toEqual([
      `order ${id} (PAYMENT_AUTHORIZED): I1 neither terminal nor dead-lettered`,
    ]);
    const sqs = sqsClientFor(env.CONVEYOR_TEST_SQS_ENDPOINT);
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: scope.directory.inventory.dlqUrl,
        MessageBody: JSON.stringify({ messageId: randomUUID(), orderId: id }),
        ...fifoFieldsFor(scope.directory.inventory.dlqUrl, id),
      }),
    );
    sqs.destroy();
    expect(await checkInvariants({ ...scope, orderIds: [id] })).toEqual([]);
    // Peeking left the message where it was.
    expect(await checkInvariants({ ...scope, orderIds: [id] })).toEqual([]);
  }, 30_000);

  it('names a SHIPPED order without a capture or a shipment', async () => {
    const id = await insertOrder('SHIPPED');
    expect(await checkInvariants({ ...scope, orderIds: [id] })).toEqual([
      `order ${id} (SHIPPED): I3 captured 0 times instead of once`,
      `order ${id} (SHIPPED): I5 shipment is missing, not CREATED`,
    ]);
  });

  it('names a cancelled order whose authorization was left open, and a wrong captured amount', async () => {
    const cancelled = await insertOrder('CANCELLED');
    const open = await authorize(cancelled, 1000);
    const shipped = await insertOrder('SHIPPED');
    const captured = await authorize(shipped, 900);
    await stripe.paymentIntents.capture(captured.id);
    await withPostgresClient(DB, (sql) =>
      sql.query(
        `INSERT INTO shipping.shipments (order_id, carrier, tracking_number, items) VALUES ($1, 'C', $2, '[]')`,
        [shipped, `T-${shipped}`],
      ),
    );
    expect(await checkInvariants({ ...scope, orderIds: [cancelled, shipped] })).toEqual([
      `order ${cancelled} (CANCELLED): I3 authorization left open: ${open.id} requires_capture`,
      `order ${shipped} (SHIPPED): I3 ${captured.id} captured 900, the order totals 1000`,
    ]);
  }, 30_000);

  it('names a SKU whose units do not add up or disagree with its reservations', async () => {
    const sku = uniqueSku('invariants');
    await seedProducts(DB, [{ sku, priceCents: 100, stock: 10 }]);
    await withPostgresClient(DB, (sql) =>
      sql.query(
        `INSERT INTO inventory.reservations (order_id, status, items) VALUES ($1, 'RESERVED', $2)`,
        [randomUUID(), JSON.stringify([{ sku, quantity: 2 }])],
      ),
    );
    const level = `sku ${sku} (available 10, reserved 0, shipped 0)`;
    expect(await checkInvariants({ ...scope, skus: [{ sku, initial: 9 }] })).toEqual([
      `${level}: I4 the units do not add up to 9`,
      `${level}: I4 RESERVED reservations hold 2 units`,
    ]);
  });

  function authorize(orderId: string, amount: number) {
    return stripe.paymentIntents.create({
      amount,
      currency: 'eur',
      payment_method: 'pm_card_visa',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      capture_method: 'manual',
      confirm: true,
      metadata: { order_id: orderId },
    });
  }
});

async function insertOrder(status: string): Promise<string> {
  const id = randomUUID();
  await withPostgresClient(DB, (sql) =>
    sql.query(
      `INSERT INTO orders.orders (id, customer_id, status, currency, total_cents, shipping_address,
         payment_method, timeline, created_at, updated_at)
       VALUES ($1, 'invariants', $2, 'EUR', 1000, $3, 'pm_card_visa', '[]', now(), now())`,
      [id, status, JSON.stringify(ADDRESS)],
    ),
  );
  return id;
}
