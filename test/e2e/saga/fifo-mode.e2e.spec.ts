import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { QUEUE_NAMES } from '@conveyor/contracts';
import { waitFor } from '@conveyor/dev-stack';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { expectInvariants } from '../../support/invariants';
import { paymentIntentsOf, type OrderBody } from '../../support/order-pipeline.probe';
import { sqsClientFor } from '../../support/queue-messages.probe';
import {
  expectStock,
  idOf,
  mapWithConcurrency,
  orderRows,
  waitForOrdersSettled,
} from '../../support/saga-pipeline.probe';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

const env = testEnvironment();

describe('the order pipeline on FIFO queues', () => {
  let e2e: E2eStack;
  let sqs: SQSClient;

  beforeAll(async () => {
    sqs = sqsClientFor(env.CONVEYOR_TEST_SQS_ENDPOINT);
    e2e = await startE2eStack({
      label: 'fifo',
      mode: 'fifo',
      // The inventory worker starts later, so one order can be cancelled while it waits for stock.
      apps: ['order-api', 'payment-worker', 'shipping-worker'],
    });
  });

  afterAll(async () => {
    await e2e?.stop();
    sqs?.destroy();
  });

  it('runs on .fifo queues and dead-letter queues', async () => {
    for (const queue of QUEUE_NAMES) {
      for (const url of [e2e.directory[queue].workUrl, e2e.directory[queue].dlqUrl]) {
        expect(url).toMatch(/\.fifo$/);
        const { Attributes } = await sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['FifoQueue'] }),
        );
        expect(Attributes?.FifoQueue).toBe('true');
      }
    }
  });

  it('brings 20 orders to their outcomes, each SHIPPED one through its steps in order', async () => {
    const [mug, lamp] = [uniqueSku('fifo-mug'), uniqueSku('fifo-lamp')];
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [
      { sku: mug, priceCents: 1250, stock: 100 },
      { sku: lamp, priceCents: 5400, stock: 1 },
    ]);
    const token = await e2e.token('fifo-shopper');
    const plan = [
      ...Array.from({ length: 14 }, () => ({ sku: mug, quantity: 1, card: 'pm_card_visa' })),
      ...Array.from({ length: 3 }, () => ({
        sku: mug,
        quantity: 2,
        card: 'pm_card_chargeDeclined',
      })),
      ...Array.from({ length: 3 }, () => ({ sku: lamp, quantity: 2, card: 'pm_card_mastercard' })),
    ];
    const placed = await mapWithConcurrency(plan, 5, ({ sku, quantity, card }) =>
      e2e.api.placeOrder(token, [{ sku, quantity }], { paymentMethod: card }),
    );
    expect(placed.map((response) => response.status)).toEqual(Array(20).fill(202));
    const ids = placed.map((response) => idOf(response));

    // Without the inventory worker, the first order waits PAYMENT_AUTHORIZED: its cancellation wins.
    const cancelled = ids[0];
    await waitFor(
      async () =>
        (await orderRows(env.CONVEYOR_TEST_DATABASE_URL, [cancelled]))[0]?.status ===
        'PAYMENT_AUTHORIZED',
      { timeoutMs: 30_000, description: `order ${cancelled} to be PAYMENT_AUTHORIZED` },
    );
    const cancel = await e2e.api.request('POST', `/orders/${cancelled}/cancel`, { token });
    expect(cancel.status).toBe(202);
    await waitFor(
      async () =>
        (await orderRows(env.CONVEYOR_TEST_DATABASE_URL, [cancelled]))[0]?.status === 'CANCELLED',
      { timeoutMs: 30_000, description: `order ${cancelled} to be CANCELLED` },
    );
    await e2e.stack.start(['inventory-worker']);

    const rows = await waitForOrdersSettled(env.CONVEYOR_TEST_DATABASE_URL, ids, {
      timeoutMs: 90_000,
    });
    const statusOf = new Map(rows.map((row) => [row.id, row.status]));
    expect(ids.map((id) => statusOf.get(id))).toEqual([
      'CANCELLED',
      ...Array(13).fill('SHIPPED'),
      ...Array(3).fill('PAYMENT_FAILED'),
      ...Array(3).fill('OUT_OF_STOCK'),
    ]);

    for (const id of ids.filter((candidate) => statusOf.get(candidate) === 'SHIPPED')) {
      const { timeline } = (await e2e.api.getOrder(token, id)).body as OrderBody;
      expect(timeline.map((entry) => entry.status)).toEqual([
        'PENDING',
        'PAYMENT_AUTHORIZED',
        'INVENTORY_RESERVED',
        'SHIPPED',
      ]);
      const times = timeline.map((entry) => Date.parse(entry.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    // The void travels beside the CANCELLED event and may trail it.
    const [voided] = await waitFor(
      async () => {
        const intents = await paymentIntentsOf(env.CONVEYOR_TEST_STRIPE_URL, cancelled);
        return intents[0]?.status === 'canceled' && intents;
      },
      { timeoutMs: 30_000, description: `the authorization of ${cancelled} to be voided` },
    );
    expect(voided).toMatchObject({ status: 'canceled', captureCount: 0, amount_received: 0 });
    await expectStock(env.CONVEYOR_TEST_DATABASE_URL, mug, {
      available: 87,
      reserved: 0,
      shipped: 13,
    });
    await expectStock(env.CONVEYOR_TEST_DATABASE_URL, lamp, {
      available: 1,
      reserved: 0,
      shipped: 0,
    });
    await expectInvariants({
      databaseUrl: env.CONVEYOR_TEST_DATABASE_URL,
      stripeUrl: env.CONVEYOR_TEST_STRIPE_URL,
      sqsEndpoint: env.CONVEYOR_TEST_SQS_ENDPOINT,
      directory: e2e.directory,
      orderIds: ids,
      skus: [
        { sku: mug, initial: 100 },
        { sku: lamp, initial: 1 },
      ],
    });
  });
});
