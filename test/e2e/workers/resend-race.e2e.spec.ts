import { randomUUID } from 'node:crypto';
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { waitFor } from '@conveyor/dev-stack';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { expectInvariants } from '../../support/invariants';
import { paymentIntentsOf } from '../../support/order-pipeline.probe';
import { fifoFieldsFor, sqsClientFor } from '../../support/queue-messages.probe';
import { testEnvironment } from '../../support/test-context';
import { WorkerDeliveryHarness } from './worker-delivery.harness';
import { handledSuccessfully } from './worker-twin.process';

const env = testEnvironment();
const REDRIVES = 4;

/**
 * The reconciler re-sends the request of an order stuck in PENDING with a new authorization request (a new
 * messageId, so the inbox cannot deduplicate it) while the original may still be retried, e.g.
 * once Stripe recovers from an outage. Both can then be handled at the same time.
 * The handler that loses the race must not take the row it lost to for a cancellation: only a
 * VOIDED row makes it void the authorization Stripe gave both of them.
 */
describe('payment-worker: a re-sent request racing the original authorization request', () => {
  let e2e: E2eStack;
  let sqs: SQSClient;
  let harness: WorkerDeliveryHarness;

  beforeAll(async () => {
    e2e = await startE2eStack({ label: 'redrive-race' });
    sqs = sqsClientFor(env.CONVEYOR_TEST_SQS_ENDPOINT);
    harness = new WorkerDeliveryHarness(e2e, sqs, await e2e.token('redrive-race'));
  }, 90_000);

  afterAll(async () => {
    sqs?.destroy();
    await e2e?.stop();
  }, 60_000);

  it('keeps the one authorization, and the order ships with one capture', async () => {
    await harness.stop('payment-worker');
    const order = await harness.placeOrder('redrive-race');
    const original = await harness.take('payments', {
      type: 'payment.authorization-requested',
      orderId: order.id,
    });
    const redrives = Array.from({ length: REDRIVES }, () =>
      JSON.stringify({ ...JSON.parse(original.body), messageId: randomUUID() }),
    );
    // All in the queue before the worker starts: its first receive takes them together, and
    // its default concurrency handles them at the same time.
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: e2e.directory.payments.workUrl,
        Entries: [original.body, ...redrives].map((body, index) => ({
          Id: String(index),
          MessageBody: body,
          // On FIFO queues, groups of their own: one group would hand them out one at a time.
          ...fifoFieldsFor(e2e.directory.payments.workUrl, `redrive-${index}`),
        })),
      }),
    );
    await e2e.stack.restart('payment-worker');
    await waitFor(
      async () =>
        (await handledSuccessfully(e2e.ports['payment-worker'], 'payments')) >= 1 + REDRIVES,
      { timeoutMs: 30_000, description: 'the original and the re-sent requests to be handled' },
    );

    // One authorization, never canceled: still awaiting capture, or captured once it shipped.
    const intents = await paymentIntentsOf(env.CONVEYOR_TEST_STRIPE_URL, order.id);
    expect(intents).toHaveLength(1);
    expect(['requires_capture', 'succeeded']).toContain(intents[0].status);
    await harness.expectShippedOnce(order);
    await expectInvariants(harness.invariantScope);
  }, 120_000);
});
