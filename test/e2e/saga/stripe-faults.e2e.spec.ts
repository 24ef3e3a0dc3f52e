import type { SQSClient } from '@aws-sdk/client-sqs';
import { QUEUE_NAMES, type QueueName } from '@conveyor/contracts';
import { StripeEmulatorControl, type EmulatorStats } from '@conveyor/stripe-emulator';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { expectInvariants } from '../../support/invariants';
import {
  peekEnvelopes,
  sqsClientFor,
  waitForQueueDrained,
} from '../../support/queue-messages.probe';
import {
  expectStock,
  idOf,
  logEntries,
  mapWithConcurrency,
  type OrderRow,
  runDlqRedrive,
  waitForOrdersSettled,
} from '../../support/saga-pipeline.probe';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

// jest.config.js sets testTimeout per project, where Jest ignores it: the default 5 s would apply.
jest.setTimeout(150_000);

const env = testEnvironment();
const ORDERS = 200;
const DECLINED = 10;
const STOCK = 170;
const MAX_RECEIVE_COUNT = 3;
/** 20 % of Stripe requests fail (500 or 429), 20 % of charges lose their answer, all slowed down. */
const FAULTS = {
  errorRate: 0.2,
  errorStatuses: [500, 429],
  dropAfterChargeRate: 0.2,
  latencyMs: 25,
  seed: 4242,
};

describe('Stripe faults under load: retries never charge twice', () => {
  let e2e: E2eStack;
  let sqs: SQSClient;
  const stripe = new StripeEmulatorControl(env.CONVEYOR_TEST_STRIPE_URL);

  beforeAll(async () => {
    sqs = sqsClientFor(env.CONVEYOR_TEST_SQS_ENDPOINT);
    e2e = await startE2eStack({
      label: 'stripe-faults',
      maxReceiveCount: MAX_RECEIVE_COUNT,
      extraEnv: {
        'payment-worker': { SQS_BACKOFF_BASE_SECONDS: '1', SQS_BACKOFF_MAX_SECONDS: '4' },
      },
    });
  });

  afterAll(async () => {
    // The emulator is shared by every test file: never leave faults behind.
    await stripe.setFaults({});
    await e2e?.stop();
    sqs?.destroy();
  });

  /** `type order-id` of each envelope waiting in each dead-letter queue (left in place). */
  async function deadLettered(): Promise<Record<QueueName, string[]>> {
    const found = {} as Record<QueueName, string[]>;
    for (const queue of QUEUE_NAMES) {
      const envelopes = await peekEnvelopes(sqs, e2e.directory[queue].dlqUrl);
      found[queue] = envelopes.map(
        (envelope) => `${String(envelope.type)} ${String(envelope.orderId)}`,
      );
    }
    return found;
  }

  async function drainWorkQueues(): Promise<void> {
    for (const queue of QUEUE_NAMES)
      await waitForQueueDrained(sqs, e2e.directory[queue].workUrl, 60_000);
  }

  it(`settles ${ORDERS} orders through 500s, 429s, dropped answers and latency with at most one PaymentIntent each`, async () => {
    const sku = uniqueSku('faults');
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 1234, stock: STOCK }]);
    const tokens = await Promise.all(
      Array.from({ length: 10 }, (_, index) => e2e.token(`faults-${index}`)),
    );
    const statsBefore = await stripe.stats();

    await stripe.setFaults(FAULTS);
    let rows: OrderRow[];
    let dead: Record<QueueName, string[]>;
    let ids: string[];
    try {
      const placed = await mapWithConcurrency(Array.from({ length: ORDERS }), 10, (_, index) =>
        e2e.api.placeOrder(tokens[index % tokens.length], [{ sku, quantity: 1 }], {
          paymentMethod: index < DECLINED ? 'pm_card_chargeDeclined' : 'pm_card_visa',
        }),
      );
      expect(placed.map((response) => response.status)).toEqual(Array(ORDERS).fill(202));
      ids = placed.map((response) => idOf(response));

      // Terminal, or stuck behind a message whose retries ran out.
      rows = await waitForOrdersSettled(env.CONVEYOR_TEST_DATABASE_URL, ids, {
        timeoutMs: 90_000,
        settled: async (pending) => {
          const inDlq = Object.values(await deadLettered())
            .flat()
            .join('\n');
          return pending.every((row) => inDlq.includes(row.id));
        },
      });
      await drainWorkQueues();
      dead = await deadLettered();
    } finally {
      await stripe.setFaults({});
    }
    const statsDuring = delta(statsBefore, await stripe.stats());
    const deadCount = Object.values(dead).flat().length;
    const pendingInDlq = rows.filter(
      (row) => !['SHIPPED', 'PAYMENT_FAILED', 'OUT_OF_STOCK'].includes(row.status),
    );
    const failed = logEntries(e2e, 'payment-worker').filter((entry) =>
      /^message failed/.test(entry.msg),
    );
    const lastAttempts = failed.filter((entry) => /last attempt/.test(entry.msg)).length;

    // The operator's part: the cause is gone, move every dead letter back.
    for (const queue of QUEUE_NAMES) {
      if (dead[queue].length === 0) continue;
      const redrive = await runDlqRedrive(e2e, queue);
      expect(redrive.code).toBe(0);
    }
    const final = await waitForOrdersSettled(env.CONVEYOR_TEST_DATABASE_URL, ids, {
      timeoutMs: 60_000,
    });
    await drainWorkQueues();

    const { intents, orders, doubleCharges } = await chargesOf(stripe, ids);
    const count = (status: string) => final.filter((row) => row.status === status).length;
    console.log(
      [
        `Stripe fault run over ${ORDERS} orders (seed ${FAULTS.seed}):`,
        `  requests ${JSON.stringify(statsDuring.requests)}`,
        `  injected errors ${JSON.stringify(statsDuring.errors)}, answers dropped after charging ${statsDuring.dropped}, idempotent replays ${statsDuring.replays}`,
        `  payment deliveries that failed: ${failed.length} (${failed.length - lastAttempts} redelivered after backoff, ${lastAttempts} on their last attempt)`,
        `  dead-lettered after ${MAX_RECEIVE_COUNT} receives: ${deadCount} ${JSON.stringify(dead)}; orders left waiting on them: ${pendingInDlq.length}`,
        `  after the redrive: SHIPPED ${count('SHIPPED')}, OUT_OF_STOCK ${count('OUT_OF_STOCK')}, PAYMENT_FAILED ${count('PAYMENT_FAILED')}`,
        `  PaymentIntents ${intents} for ${orders} orders; double charges ${doubleCharges}`,
      ].join('\n'),
    );

    expect(statsDuring.injected).toBeGreaterThan(0);
    expect(doubleCharges).toBe(0);
    expect(count('PAYMENT_FAILED')).toBe(DECLINED);
    expect(count('SHIPPED')).toBe(STOCK);
    expect(count('OUT_OF_STOCK')).toBe(ORDERS - DECLINED - STOCK);
    await expectStock(env.CONVEYOR_TEST_DATABASE_URL, sku, {
      available: 0,
      reserved: 0,
      shipped: STOCK,
    });
    expect(Object.values(await deadLettered()).flat()).toEqual([]);
    await expectInvariants({
      databaseUrl: env.CONVEYOR_TEST_DATABASE_URL,
      stripeUrl: env.CONVEYOR_TEST_STRIPE_URL,
      sqsEndpoint: env.CONVEYOR_TEST_SQS_ENDPOINT,
      directory: e2e.directory,
      orderIds: ids,
      skus: [{ sku, initial: STOCK }],
    });
  });
});

/** A double charge: a second PaymentIntent for an order, or a second capture of one. */
async function chargesOf(stripe: StripeEmulatorControl, orderIds: string[]) {
  const wanted = new Set(orderIds);
  const intents = (await stripe.listPaymentIntents()).filter((intent) =>
    wanted.has(intent.metadata.order_id),
  );
  const perOrder = new Map<string, number>();
  for (const { metadata } of intents) {
    perOrder.set(metadata.order_id, (perOrder.get(metadata.order_id) ?? 0) + 1);
  }
  const doubleCharges =
    [...perOrder.values()].filter((count) => count > 1).length +
    intents.filter((intent) => intent.captureCount > 1).length;
  return { intents: intents.length, orders: perOrder.size, doubleCharges };
}

/** What the emulator counted between two snapshots (it is shared, so never reset). */
function delta(before: EmulatorStats, after: EmulatorStats) {
  const diff = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(Object.entries(b).map(([key, value]) => [key, value - (a[key] ?? 0)]));
  const errors = diff(before.faults.errors, after.faults.errors);
  const dropped = after.faults.droppedAfterCharge - before.faults.droppedAfterCharge;
  return {
    requests: diff(before.requests, after.requests),
    errors,
    dropped,
    replays: after.idempotentReplays - before.idempotentReplays,
    injected: Object.values(errors).reduce((sum, value) => sum + value, 0) + dropped,
  };
}
