import { randomUUID } from 'node:crypto';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { failpointKillLine } from '@conveyor/config';
import { waitFor } from '@conveyor/dev-stack';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { expectInvariants } from '../../support/invariants';
import {
  paymentIntentsOf,
  stockOf,
  waitForOrderStatus,
  withDeadline,
} from '../../support/order-pipeline.probe';
import {
  absorbAbandonedPolls,
  sqsClientFor,
  waitForQueueDrained,
} from '../../support/queue-messages.probe';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';
import { QUEUE_OF, statusesOf, type Worker } from './worker-delivery.harness';

const env = testEnvironment();
const DB = env.CONVEYOR_TEST_DATABASE_URL;
const STOCK = 10;
const QUANTITY = 2;
const PRICE_CENTS = 1250;

interface CrashStep {
  app: Worker;
  failpoint: string;
  /** before: the order resumes when SQS redelivers (visibility timeout); after: at the restart. */
  commit: 'before' | 'after';
  /** The step's order is placed with this request id; the failpoint fires only for it. */
  requestId: string;
}

/**
 * One order per failpoint, crashed one after another within seconds, so that the visibility
 * timeouts the crashes leave behind (60 s on payments, 30 s elsewhere) all run out together
 * instead of one after another. After a crash the worker restarts with the next failpoint of
 * the same worker armed (else none). Each failpoint is armed for its own order's request id
 * (`name@<correlation id>`): an order resumed by a redelivery may pass a point armed for a later
 * step at any time, on a slow machine even before the armed worker is ready, and must not die
 * there.
 */
const STEPS: CrashStep[] = (
  [
    ['payment-worker', 'payment-capture:after-stripe-before-commit', 'before'],
    ['payment-worker', 'payment-capture:after-commit-before-delete', 'after'],
    ['payment-worker', 'payment-authorize:after-commit-before-delete', 'after'],
    ['payment-worker', 'payment-authorize:after-stripe-before-commit', 'before'],
    ['shipping-worker', 'shipping-create:after-commit-before-delete', 'after'],
    ['shipping-worker', 'shipping-create:before-commit', 'before'],
    ['inventory-worker', 'inventory-reserve:after-commit-before-delete', 'after'],
    ['inventory-worker', 'inventory-reserve:before-commit', 'before'],
  ] as const
).map(([app, failpoint, commit]) => ({ app, failpoint, commit, requestId: randomUUID() }));

function armedFor(step: CrashStep): string {
  return `${step.failpoint}@${step.requestId}`;
}

describe('workers: killed at each failpoint, restarted, every order ships exactly once', () => {
  let e2e: E2eStack;
  let sqs: SQSClient;
  let token: string;
  const orders = new Map<string, { id: string; sku: string; totalCents: number }>();

  beforeAll(async () => {
    e2e = await startE2eStack({
      label: 'crash',
      extraEnv: { [STEPS[0].app]: { CONVEYOR_FAILPOINTS: armedFor(STEPS[0]) } },
    });
    sqs = sqsClientFor(env.CONVEYOR_TEST_SQS_ENDPOINT);
    token = await e2e.token('crash-customer');
  }, 90_000);

  afterAll(async () => {
    sqs?.destroy();
    await e2e?.stop();
  }, 60_000);

  const queueUrl = (app: Worker) => e2e.directory[QUEUE_OF[app]].workUrl;

  async function placeOrder({ failpoint, requestId }: CrashStep) {
    const sku = uniqueSku('crash');
    await seedProducts(DB, [{ sku, priceCents: PRICE_CENTS, stock: STOCK }]);
    const response = await e2e.api.placeOrder(token, [{ sku, quantity: QUANTITY }], { requestId });
    expect(response.status).toBe(202);
    orders.set(failpoint, { id: response.body.id, sku, totalCents: PRICE_CENTS * QUANTITY });
  }

  /** Restarts a running worker with a step's failpoint, leaving no abandoned poll behind. */
  async function arm(step: CrashStep) {
    await e2e.stack.service(step.app).stop();
    await absorbAbandonedPolls(sqs, queueUrl(step.app));
    await e2e.stack.restart(step.app, { extraEnv: { CONVEYOR_FAILPOINTS: armedFor(step) } });
  }

  /** Waits for the failpoint's SIGKILL, then restarts the worker with `next` armed, or none. */
  async function crashAndRestart(step: CrashStep, next: CrashStep | undefined) {
    const service = e2e.stack.service(step.app);
    await withDeadline(service.exited, 60_000, `${step.app} to die at ${step.failpoint}`);
    expect(service.child.signalCode).toBe('SIGKILL');
    const line = `${step.app} | ${failpointKillLine(step.failpoint)}`;
    // The exit can be seen before the last output lines are read.
    await waitFor(() => e2e.logs.includes(line), { timeoutMs: 5_000, description: line });
    // The dead process's long poll is still registered and would swallow the next message.
    await absorbAbandonedPolls(sqs, queueUrl(step.app));
    const armed: Record<string, string> =
      next?.app === step.app ? { CONVEYOR_FAILPOINTS: armedFor(next) } : {};
    await e2e.stack.restart(step.app, { extraEnv: armed });
  }

  it('kills each worker at each of its failpoints in turn and restarts it', async () => {
    for (const [index, step] of STEPS.entries()) {
      if (index > 0 && STEPS[index - 1].app !== step.app) await arm(step);
      await placeOrder(step);
      await crashAndRestart(step, STEPS[index + 1]);
    }
  }, 240_000);

  it('ships every order and absorbs every redelivery the crashes left behind', async () => {
    for (const order of orders.values()) {
      // A crash before the commit resumes only when SQS redelivers (visibility timeout).
      await waitForOrderStatus(e2e, token, order.id, 'SHIPPED', 120_000);
    }
    // Drained: the redelivered copies of messages whose work had committed were handled too.
    for (const app of Object.keys(QUEUE_OF) as Worker[]) {
      await waitForQueueDrained(sqs, queueUrl(app), 120_000);
    }
  }, 240_000);

  it.each(STEPS)(
    '$failpoint: the order ships with one PaymentIntent, one capture, one reservation, one shipment',
    async ({ failpoint }) => {
      const order = orders.get(failpoint)!;
      expect((await e2e.api.getOrder(token, order.id)).body.status).toBe('SHIPPED');
      const intents = await paymentIntentsOf(env.CONVEYOR_TEST_STRIPE_URL, order.id);
      expect(intents).toHaveLength(1);
      expect(intents[0]).toMatchObject({
        status: 'succeeded',
        amount_received: order.totalCents,
        captureCount: 1,
      });
      expect(await statusesOf('inventory.reservations', order.id)).toEqual(['FULFILLED']);
      expect(await statusesOf('shipping.shipments', order.id)).toEqual(['CREATED']);
      expect(await stockOf(DB, order.sku)).toEqual({
        available: STOCK - QUANTITY,
        reserved: 0,
        shipped: QUANTITY,
      });
    },
    30_000,
  );

  it('keeps the saga invariants over all these orders', async () => {
    await expectInvariants({
      databaseUrl: DB,
      stripeUrl: env.CONVEYOR_TEST_STRIPE_URL,
      sqsEndpoint: env.CONVEYOR_TEST_SQS_ENDPOINT,
      directory: e2e.directory,
      orderIds: [...orders.values()].map((order) => order.id),
      skus: [...orders.values()].map((order) => ({ sku: order.sku, initial: STOCK })),
    });
  }, 60_000);
});
