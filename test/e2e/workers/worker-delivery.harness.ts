import type { SQSClient } from '@aws-sdk/client-sqs';
import type { QueueName } from '@conveyor/contracts';
import { waitFor, withPostgresClient } from '@conveyor/dev-stack';
import type { E2eStack } from '../../support/e2e-stack';
import type { InvariantScope } from '../../support/invariants';
import {
  outboxBacklog,
  paymentIntentsOf,
  stockOf,
  waitForOrderStatus,
} from '../../support/order-pipeline.probe';
import {
  absorbAbandonedPolls,
  countWaiting,
  sendCopies,
  takeMessage,
  type EnvelopeMatch,
} from '../../support/queue-messages.probe';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';
import { handledSuccessfully, startWorkerTwin } from './worker-twin.process';

export const QUEUE_OF = {
  'payment-worker': 'payments',
  'inventory-worker': 'inventory',
  'shipping-worker': 'shipping',
} as const satisfies Record<string, QueueName>;
export type Worker = keyof typeof QUEUE_OF;

export interface PlacedOrder {
  id: string;
  sku: string;
  totalCents: number;
}

const STOCK = 10;
const QUANTITY = 2;

/**
 * Drives the duplicate-delivery scenarios on one stack: holds messages in a stopped worker's
 * queue, takes one off as its producer sent it, and hands the very same body to two processes
 * of the worker at once. Remembers every order and SKU for the final invariant check.
 */
export class WorkerDeliveryHarness {
  readonly env = testEnvironment();
  readonly orderIds: string[] = [];
  readonly skus: { sku: string; initial: number }[] = [];

  constructor(
    readonly e2e: E2eStack,
    private readonly sqs: SQSClient,
    private readonly token: string,
  ) {}

  get invariantScope(): InvariantScope {
    return {
      databaseUrl: this.env.CONVEYOR_TEST_DATABASE_URL,
      stripeUrl: this.env.CONVEYOR_TEST_STRIPE_URL,
      sqsEndpoint: this.env.CONVEYOR_TEST_SQS_ENDPOINT,
      directory: this.e2e.directory,
      orderIds: this.orderIds,
      skus: this.skus,
    };
  }

  async placeOrder(label: string): Promise<PlacedOrder> {
    const sku = uniqueSku(label);
    await seedProducts(this.env.CONVEYOR_TEST_DATABASE_URL, [
      { sku, priceCents: 1500, stock: STOCK },
    ]);
    this.skus.push({ sku, initial: STOCK });
    const response = await this.e2e.api.placeOrder(this.token, [{ sku, quantity: QUANTITY }]);
    expect(response.status).toBe(202);
    const order: PlacedOrder = { id: response.body.id, sku, totalCents: response.body.totalCents };
    this.orderIds.push(order.id);
    return order;
  }

  waitForStatus(order: PlacedOrder, status: string) {
    return waitForOrderStatus(this.e2e, this.token, order.id, status, 60_000);
  }

  /** Stops workers so messages wait in their queues, leaving no abandoned poll to swallow one. */
  async stop(...apps: Worker[]): Promise<void> {
    for (const app of apps) {
      await this.e2e.stack.service(app).stop();
      await absorbAbandonedPolls(this.sqs, this.queueUrl(QUEUE_OF[app]));
    }
  }

  /** Takes a message off a stopped worker's queue: the envelope exactly as its producer sent it. */
  async take(queue: QueueName, match: EnvelopeMatch) {
    const body = await takeMessage(this.sqs, this.queueUrl(queue), match);
    return { body, messageId: (JSON.parse(body) as { messageId: string }).messageId };
  }

  /**
   * Starts the stopped worker and a twin process, sends the body 3 times in one batch, and
   * returns once all copies are settled, each process having handled at least one of them.
   * Consumers hold one message at a time (CONSUMER_CONCURRENCY=1, CONSUMER_PREFETCH=1), so the
   * copies must spread.
   */
  async deliverToTwins(app: Worker, body: string, copies = 3): Promise<void> {
    const queue = QUEUE_OF[app];
    await this.e2e.stack.restart(app);
    const twin = await startWorkerTwin(this.e2e, app);
    try {
      await sendCopies(this.sqs, this.queueUrl(queue), body, copies);
      let handled = [0, 0];
      await waitFor(
        async () => {
          const ports = [this.e2e.ports[app], twin.port];
          handled = await Promise.all(ports.map((port) => handledSuccessfully(port, queue)));
          return handled[0] + handled[1] >= copies;
        },
        // A copy an SQS receive took and never handed over comes back after the visibility
        // timeout (60 s on payments): wait that long rather than fail on a lost receive.
        { timeoutMs: 90_000, description: `both ${app} processes to settle the ${copies} copies` },
      ).catch((error: unknown) => {
        throw new Error(`${String(error)}; settled per process: ${handled.join(' + ')}`);
      });
      // More than the copies sent would mean traffic this test did not make.
      expect(handled[0] + handled[1]).toBe(copies);
      expect(Math.min(...handled)).toBeGreaterThanOrEqual(1);
    } finally {
      await twin.service.stop();
    }
    // The twin's abandoned poll can only be absorbed while no consumer runs on the queue.
    await this.stop(app);
    await this.e2e.stack.restart(app);
  }

  async inboxRows(schema: string, messageId: string): Promise<number> {
    return withPostgresClient(this.env.CONVEYOR_TEST_DATABASE_URL, async (sql) => {
      const { rows } = await sql.query<{ count: string }>(
        `SELECT count(*) AS count FROM "${schema}".inbox WHERE message_id = $1`,
        [messageId],
      );
      return Number(rows[0].count);
    });
  }

  /** How many `match` messages a worker emitted, counted where they wait for a stopped consumer. */
  async emitted(schema: string, queue: QueueName, match: EnvelopeMatch): Promise<number> {
    const databaseUrl = this.env.CONVEYOR_TEST_DATABASE_URL;
    await waitFor(async () => (await outboxBacklog(databaseUrl, schema, [match.orderId])) === 0, {
      timeoutMs: 15_000,
      description: `${schema}.outbox to send what it staged for ${match.orderId}`,
    });
    return countWaiting(this.sqs, this.queueUrl(queue), match);
  }

  stockOf(order: PlacedOrder) {
    return stockOf(this.env.CONVEYOR_TEST_DATABASE_URL, order.sku);
  }

  /** SHIPPED, captured once, and the reserved units counted as shipped. */
  async expectShippedOnce(order: PlacedOrder): Promise<void> {
    await this.waitForStatus(order, 'SHIPPED');
    const intents = await paymentIntentsOf(this.env.CONVEYOR_TEST_STRIPE_URL, order.id);
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({
      status: 'succeeded',
      amount_received: order.totalCents,
      captureCount: 1,
    });
    const stock = await waitFor(async () => {
      const level = await this.stockOf(order);
      return level.shipped > 0 && level;
    });
    expect(stock).toEqual({ available: STOCK - QUANTITY, reserved: 0, shipped: QUANTITY });
  }

  private queueUrl(queue: QueueName): string {
    return this.e2e.directory[queue].workUrl;
  }
}

/** The status of each row an order has in a table keyed by order_id (reservations, shipments). */
export function statusesOf(table: string, orderId: string): Promise<string[]> {
  return withPostgresClient(testEnvironment().CONVEYOR_TEST_DATABASE_URL, async (sql) => {
    const { rows } = await sql.query<{ status: string }>(
      `SELECT status FROM ${table} WHERE order_id = $1`,
      [orderId],
    );
    return rows.map((row) => row.status);
  });
}
