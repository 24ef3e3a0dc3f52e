import type { SQSClient } from '@aws-sdk/client-sqs';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { expectInvariants } from '../../support/invariants';
import { isRunning, paymentIntentsOf } from '../../support/order-pipeline.probe';
import { sqsClientFor } from '../../support/queue-messages.probe';
import { testEnvironment } from '../../support/test-context';
import {
  QUEUE_OF,
  statusesOf,
  WorkerDeliveryHarness,
  type Worker,
} from './worker-delivery.harness';

const env = testEnvironment();

/**
 * At-least-once delivery in practice: SQS hands a message out again after a lost delete, and two
 * replicas of a worker may hold copies at the same moment. Each worker must apply it once.
 */
describe('workers: the same message delivered 3 times, to 2 processes at once, has one effect', () => {
  let e2e: E2eStack;
  let sqs: SQSClient;
  let harness: WorkerDeliveryHarness;

  beforeAll(async () => {
    const oneAtATime = { CONSUMER_CONCURRENCY: '1', CONSUMER_PREFETCH: '1' };
    e2e = await startE2eStack({
      label: 'dup',
      extraEnv: {
        'payment-worker': oneAtATime,
        'inventory-worker': oneAtATime,
        'shipping-worker': oneAtATime,
      },
    });
    sqs = sqsClientFor(env.CONVEYOR_TEST_SQS_ENDPOINT);
    harness = new WorkerDeliveryHarness(e2e, sqs, await e2e.token('dup-customer'));
  }, 90_000);

  afterEach(async () => {
    // A failed test must not leave a worker stopped for the next one.
    for (const app of Object.keys(QUEUE_OF) as Worker[]) {
      if (!isRunning(e2e.stack.service(app))) await e2e.stack.restart(app);
    }
  }, 60_000);

  afterAll(async () => {
    sqs?.destroy();
    await e2e?.stop();
  }, 60_000);

  it('payment-worker authorizes once: one PaymentIntent, one reservation request', async () => {
    await harness.stop('payment-worker', 'inventory-worker');
    const order = await harness.placeOrder('dup-authorize');
    const request = await harness.take('payments', {
      type: 'payment.authorization-requested',
      orderId: order.id,
    });

    await harness.deliverToTwins('payment-worker', request.body);
    await harness.waitForStatus(order, 'PAYMENT_AUTHORIZED');
    const intents = await paymentIntents(order.id);
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({ status: 'requires_capture', amount: order.totalCents });
    expect(await harness.inboxRows('payments', request.messageId)).toBe(1);
    const next = { type: 'inventory.reservation-requested', orderId: order.id };
    expect(await harness.emitted('payments', 'inventory', next)).toBe(1);

    await e2e.stack.restart('inventory-worker');
    await harness.expectShippedOnce(order);
  }, 180_000);

  it('inventory-worker reserves once: stock moved once, one shipment request', async () => {
    await harness.stop('inventory-worker', 'shipping-worker');
    const order = await harness.placeOrder('dup-reserve');
    const request = await harness.take('inventory', {
      type: 'inventory.reservation-requested',
      orderId: order.id,
    });

    await harness.deliverToTwins('inventory-worker', request.body);
    await harness.waitForStatus(order, 'INVENTORY_RESERVED');
    expect(await harness.stockOf(order)).toEqual({ available: 8, reserved: 2, shipped: 0 });
    expect(await statusesOf('inventory.reservations', order.id)).toEqual(['RESERVED']);
    expect(await harness.inboxRows('inventory', request.messageId)).toBe(1);
    const next = { type: 'shipping.shipment-requested', orderId: order.id };
    expect(await harness.emitted('inventory', 'shipping', next)).toBe(1);

    await e2e.stack.restart('shipping-worker');
    await harness.expectShippedOnce(order);
  }, 180_000);

  it('shipping-worker creates one shipment and asks for one capture', async () => {
    await harness.stop('shipping-worker');
    const order = await harness.placeOrder('dup-ship');
    await harness.waitForStatus(order, 'INVENTORY_RESERVED');
    await harness.stop('payment-worker'); // so the capture requests wait in its queue, countable
    const request = await harness.take('shipping', {
      type: 'shipping.shipment-requested',
      orderId: order.id,
    });

    await harness.deliverToTwins('shipping-worker', request.body);
    expect(await statusesOf('shipping.shipments', order.id)).toEqual(['CREATED']);
    expect(await harness.inboxRows('shipping', request.messageId)).toBe(1);
    const next = { type: 'payment.capture-requested', orderId: order.id };
    expect(await harness.emitted('shipping', 'payments', next)).toBe(1);

    await e2e.stack.restart('payment-worker');
    await harness.expectShippedOnce(order);
  }, 180_000);

  it('payment-worker captures once', async () => {
    await harness.stop('shipping-worker');
    const order = await harness.placeOrder('dup-capture');
    await harness.waitForStatus(order, 'INVENTORY_RESERVED');
    await harness.stop('payment-worker');
    await e2e.stack.restart('shipping-worker');
    const request = await harness.take('payments', {
      type: 'payment.capture-requested',
      orderId: order.id,
    });

    await harness.deliverToTwins('payment-worker', request.body);
    await harness.expectShippedOnce(order);
    expect(await harness.inboxRows('payments', request.messageId)).toBe(1);
  }, 180_000);

  it('leaves every order and SKU above consistent across the services', async () => {
    expect(harness.orderIds).toHaveLength(4);
    await expectInvariants(harness.invariantScope);
  }, 60_000);
});

function paymentIntents(orderId: string) {
  return paymentIntentsOf(env.CONVEYOR_TEST_STRIPE_URL, orderId);
}
