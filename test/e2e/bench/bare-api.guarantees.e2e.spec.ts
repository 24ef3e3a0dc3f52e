import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { issueAccessToken } from '@conveyor/auth';
import type { QueueName } from '@conveyor/contracts';
import { freePort, waitFor } from '@conveyor/dev-stack';
import type { QueueDirectory } from '@conveyor/messaging';
import { startBareProcess, type StartedBare } from '../../../tools/bench/bare.variant';
import { BENCH_JWT_SECRET } from '../../../tools/bench/conveyor.variant';
import { peekEnvelopes, sqsClientFor } from '../../support/queue-messages.probe';
import { seedProducts, testEnvironment, uniquePrefix, uniqueSku } from '../../support/test-context';
import { provisionTestQueues } from '../../support/test-queues';

jest.setTimeout(60_000);

/** An order (202) or a problem (4xx). */
type AnswerBody = Record<string, unknown> & { id?: string; code?: string };

/**
 * The bare API is the benchmark's strongest honest baseline: it skips the look-ups a unique
 * constraint answers and sends its outbox from memory, and must still keep the order API's
 * guarantees — one order per Idempotency-Key, a payment request for every order, nothing left
 * in the outbox.
 */
describe('the bare API baseline keeps the order API’s guarantees', () => {
  const env = testEnvironment();
  const sku = uniqueSku('bare');
  let sql: Pool;
  let sqs: SQSClient;
  let directory: QueueDirectory;
  let api: StartedBare;
  let baseUrl: string;

  beforeAll(async () => {
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 1250, stock: 100 }]);
    sql = new Pool({ connectionString: env.CONVEYOR_TEST_DATABASE_URL, max: 2 });
    sqs = sqsClientFor(env.CONVEYOR_TEST_SQS_ENDPOINT);
    directory = await provisionTestQueues(
      env.CONVEYOR_TEST_SQS_ENDPOINT,
      uniquePrefix('bare-api'),
      'standard',
    );
    const queueUrls = Object.fromEntries(
      Object.entries(directory).map(([queue, addresses]) => [queue, addresses.workUrl]),
    ) as Record<QueueName, string>;
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    api = await startBareProcess('bare-api', {
      databaseUrl: env.CONVEYOR_TEST_DATABASE_URL,
      poolSize: 4,
      sqsEndpoint: env.CONVEYOR_TEST_SQS_ENDPOINT,
      queueUrls,
      concurrency: 10,
      port,
      jwtSecret: BENCH_JWT_SECRET,
    });
  });

  afterAll(async () => {
    await api?.stop();
    sqs?.destroy();
    await sql?.end();
  });

  it('accepts an order once per key: its rows, one payment request on the queue, an empty outbox', async () => {
    const customer = `bare-${randomUUID()}`;
    const key = randomUUID();
    const first = await placeOrder(customer, key, body(2));
    const again = await placeOrder(customer, key, body(2));
    expect([first.status, again.status]).toEqual([202, 202]);
    expect(again.order).toEqual(first.order);
    expect(first.order).toMatchObject({ totalCents: 2500, currency: 'EUR', status: 'PENDING' });
    expect(await storedOrders(customer)).toEqual([{ id: first.order.id, items: 1, keys: 1 }]);
    await waitFor(async () => (await paymentRequestsFor(first.order.id!)) === 1 || undefined);
    await waitFor(async () => (await outboxRows()) === 0 || undefined);
  });

  it('gives twins racing on one key the same order, and a reused key with another body a 422', async () => {
    const customer = `bare-${randomUUID()}`;
    const key = randomUUID();
    const twins = await Promise.all(
      Array.from({ length: 6 }, () => placeOrder(customer, key, body(1))),
    );
    const ids = new Set(twins.map((twin) => `${twin.status} ${twin.order.id}`));
    expect(ids).toEqual(new Set([`202 ${twins[0].order.id}`]));
    expect(await storedOrders(customer)).toEqual([{ id: twins[0].order.id, items: 1, keys: 1 }]);
    const reused = await placeOrder(customer, key, body(3));
    expect({ status: reused.status, code: reused.order.code }).toEqual({
      status: 422,
      code: 'IDEMPOTENCY.KEY_REUSED',
    });
  });

  it('refuses an unknown SKU and writes nothing', async () => {
    const customer = `bare-${randomUUID()}`;
    const refused = await placeOrder(customer, randomUUID(), {
      ...body(1),
      items: [{ sku: 'NOT-IN-CATALOG', quantity: 1 }],
    });
    expect({ status: refused.status, code: refused.order.code }).toEqual({
      status: 400,
      code: 'CATALOG.UNKNOWN_SKU',
    });
    expect(await storedOrders(customer)).toEqual([]);
  });

  it('sends what a stopped process left in its outbox (the sweep)', async () => {
    const orderId = randomUUID();
    const messageId = randomUUID();
    const envelope = {
      ...{ messageId, type: 'payment.authorization-requested', version: 1 },
      ...{ occurredAt: new Date().toISOString(), correlationId: randomUUID(), orderId },
      payload: {},
    };
    await sql.query(
      `INSERT INTO orders.outbox (id, queue, message_type, envelope, created_at)
       VALUES ($1, 'payments', 'payment.authorization-requested', $2, now() - interval '1 minute')`,
      [messageId, JSON.stringify(envelope)],
    );
    await waitFor(async () => (await paymentRequestsFor(orderId)) === 1 || undefined);
    await waitFor(async () => (await outboxRows()) === 0 || undefined);
  });

  function body(quantity: number) {
    return {
      items: [{ sku, quantity }],
      paymentMethod: 'pm_card_visa',
      shippingAddress: {
        ...{ name: 'Ada Lovelace', line1: '1 Main Street', city: 'Berlin' },
        ...{ postalCode: '10115', country: 'DE' },
      },
    };
  }

  async function placeOrder(customer: string, key: string, order: unknown) {
    const token = await issueAccessToken(BENCH_JWT_SECRET, { sub: customer });
    const response = await fetch(`${baseUrl}/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'idempotency-key': key,
        'content-type': 'application/json',
      },
      body: JSON.stringify(order),
    });
    return { status: response.status, order: (await response.json()) as AnswerBody };
  }

  async function storedOrders(customer: string) {
    const { rows } = await sql.query<{ id: string; items: number; keys: number }>(
      `SELECT o.id,
         (SELECT count(*)::int FROM orders.order_items i WHERE i.order_id = o.id) AS items,
         (SELECT count(*)::int FROM orders.idempotency_keys k WHERE k.order_id = o.id) AS keys
       FROM orders.orders o WHERE o.customer_id = $1`,
      [customer],
    );
    return rows;
  }

  async function paymentRequestsFor(orderId: string): Promise<number> {
    const envelopes = await peekEnvelopes(sqs, directory.payments.workUrl);
    return envelopes.filter((envelope) => envelope.orderId === orderId).length;
  }

  async function outboxRows(): Promise<number> {
    const { rows } = await sql.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM orders.outbox`,
    );
    return rows[0].count;
  }
});
