import { randomUUID } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { QUEUE_NAMES, type QueueName } from '@conveyor/contracts';
import { StripeEmulatorControl } from '@conveyor/stripe-emulator';
import { CONVEYOR_APPS, waitFor } from '@conveyor/dev-stack';
import { peekMessages, readQueueCounts, waitForQueueCounts } from '@conveyor/testing';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import {
  isRunning,
  paymentIntentsOf,
  readinessOf,
  waitForOrderStatus,
} from '../../support/order-pipeline.probe';
import {
  idOf,
  logEntries,
  peekVisible,
  purgeQueue,
  runDlqRedrive,
} from '../../support/saga-pipeline.probe';
import {
  fifoFieldsFor,
  sqsClientFor,
  waitForQueueDrained,
} from '../../support/queue-messages.probe';
import { poisonCases, type PoisonCase } from '../../support/poison-messages.cases';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

const env = testEnvironment();
const MAX_RECEIVE_COUNT = 3;
const POISON_REASON = 'conveyor-poison-reason';
describe('poison messages and dead-letter redrive (four apps as real processes)', () => {
  let e2e: E2eStack;
  let sqs: SQSClient;
  const stripe = new StripeEmulatorControl(env.CONVEYOR_TEST_STRIPE_URL);

  beforeAll(async () => {
    sqs = sqsClientFor(env.CONVEYOR_TEST_SQS_ENDPOINT);
    const fastRetries = { SQS_BACKOFF_BASE_SECONDS: '1', SQS_BACKOFF_MAX_SECONDS: '2' };
    e2e = await startE2eStack({
      label: 'poison',
      maxReceiveCount: MAX_RECEIVE_COUNT,
      extraEnv: Object.fromEntries(CONVEYOR_APPS.map((app) => [app, fastRetries])),
    });
  });

  // Each test counts what it put into the dead-letter queues, and the redrive must move only that.
  beforeEach(async () => {
    for (const queue of QUEUE_NAMES) await purgeQueue(sqs, e2e.directory[queue].dlqUrl);
  });

  afterAll(async () => {
    // The emulator is shared by every test file: never leave faults behind.
    await stripe.setFaults({});
    await e2e?.stop();
    sqs?.destroy();
  });

  it('moves every kind of poison to its queue’s DLQ after one receive, labelled, and the apps live on', async () => {
    const sent = new Map<string, PoisonCase & { queue: QueueName }>();
    for (const queue of QUEUE_NAMES) {
      for (const poison of poisonCases(queue)) {
        const { MessageId } = await sqs.send(
          new SendMessageCommand({
            QueueUrl: e2e.directory[queue].workUrl,
            MessageBody: poison.body,
            ...fifoFieldsFor(e2e.directory[queue].workUrl, randomUUID()),
          }),
        );
        sent.set(MessageId!, { queue, ...poison });
      }
    }

    for (const queue of QUEUE_NAMES) {
      const addresses = e2e.directory[queue];
      await waitForQueueCounts(sqs, addresses.dlqUrl, (counts) => counts.visible === 5, {
        timeoutMs: 30_000,
        description: `five poison messages in the ${queue} DLQ`,
      });
      // The copy reaches the DLQ just before the original is deleted (a batched delete).
      await waitForQueueDrained(sqs, addresses.workUrl, 30_000);
      const dead = await peekMessages(sqs, addresses.dlqUrl, 1);
      const expected = [...sent.values()].filter((poison) => poison.queue === queue);
      for (const poison of expected) {
        const copy = dead.find((message) => message.Body === poison.body);
        expect({ case: poison.name, found: copy !== undefined }).toEqual({
          case: poison.name,
          found: true,
        });
        expect(copy?.MessageAttributes?.[POISON_REASON]?.StringValue).toMatch(poison.reason);
        expect(copy?.MessageAttributes?.['conveyor-source-queue']?.StringValue).toBe(queue);
      }
    }

    // One receive each: dead-lettered on the first delivery, never retried.
    const entries = await waitFor(
      () => {
        const all = CONVEYOR_APPS.flatMap((app) => logEntries(e2e, app));
        const logged = new Set(all.map((entry) => entry.sqsMessageId));
        return [...sent.keys()].every((id) => logged.has(id)) && all;
      },
      { description: 'a log line about every poison message' },
    );
    for (const sqsMessageId of sent.keys()) {
      const about = entries.filter((entry) => entry.sqsMessageId === sqsMessageId);
      expect(about.map((entry) => [entry.msg, entry.receiveCount])).toEqual([
        ['poison message moved to the dead-letter queue', 1],
      ]);
    }
    for (const app of CONVEYOR_APPS) {
      expect(isRunning(e2e.stack.service(app))).toBe(true);
      expect(await readinessOf(e2e, app)).toBe(200);
    }
  });

  it('still dead-letters junk of exactly the 1 MiB limit, which leaves no room for the labels', async () => {
    // Known gap (see the saga report): the labelled copy would exceed the limit, so the consumer
    // cannot forward it and retries until the RedrivePolicy moves it. It must not be lost.
    const body = 'x'.repeat(1024 * 1024);
    const inventory = e2e.directory.inventory;
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: inventory.workUrl,
        MessageBody: body,
        ...fifoFieldsFor(inventory.workUrl, 'junk'),
      }),
    );
    await waitForQueueCounts(sqs, inventory.dlqUrl, (counts) => counts.visible === 1, {
      timeoutMs: 60_000,
      description: 'the 1 MiB junk in the inventory DLQ',
    });
    const [dead] = await peekVisible(sqs, inventory.dlqUrl);
    expect(dead.Body).toBe(body);
    expect(isRunning(e2e.stack.service('inventory-worker'))).toBe(true);
  });

  it('dead-letters a payment request after exactly maxReceiveCount Stripe failures, and the redrive completes it', async () => {
    const sku = uniqueSku('poison-redrive');
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 2100, stock: 5 }]);
    const token = await e2e.token('poison-redrive');
    const paymentsDlq = e2e.directory.payments.dlqUrl;
    // Every authorization first searches Stripe for a PaymentIntent made for the order.
    const SEARCH = 'GET /v1/payment_intents/search';
    const before = (await stripe.stats()).requests;

    await stripe.setFaults({ errorRate: 1, errorStatuses: [500] });
    let orderId: string;
    try {
      const placed = await e2e.api.placeOrder(token, [{ sku, quantity: 2 }]);
      expect(placed.status).toBe(202);
      orderId = idOf(placed);
      await waitForQueueCounts(sqs, paymentsDlq, (counts) => counts.visible === 1, {
        timeoutMs: 60_000,
        description: 'the authorization request in the payments DLQ',
      });
      const stats = await stripe.stats();
      // Each delivery makes one search plus the SDK's one retry of a 500, and never gets to
      // the create.
      const delta = (route: string) => (stats.requests[route] ?? 0) - (before[route] ?? 0);
      expect(delta(SEARCH)).toBe(MAX_RECEIVE_COUNT * 2);
      expect(delta('POST /v1/payment_intents')).toBe(0);
    } finally {
      await stripe.setFaults({});
    }

    // Log lines travel through a pipe: wait until the three failed deliveries have been read.
    const attempts = await waitFor(
      () => {
        const failed = logEntries(e2e, 'payment-worker').filter(
          (entry) => entry.type === 'payment.authorization-requested' && entry.err !== undefined,
        );
        return failed.length >= MAX_RECEIVE_COUNT && failed;
      },
      { description: 'the failed deliveries in the payment worker log' },
    );
    expect(attempts.map((entry) => entry.receiveCount)).toEqual([1, 2, 3]);
    expect(attempts.at(-1)?.msg).toBe('message failed its last attempt; SQS dead-letters it');
    const [dead] = await peekVisible(sqs, paymentsDlq);
    expect(JSON.parse(dead.Body ?? '{}')).toMatchObject({
      type: 'payment.authorization-requested',
      orderId,
    });
    const { body: pending } = await e2e.api.getOrder(token, orderId);
    expect(pending.status).toBe('PENDING');
    expect(await paymentIntentsOf(env.CONVEYOR_TEST_STRIPE_URL, orderId)).toEqual([]);

    const redrive = await runDlqRedrive(e2e, 'payments');
    expect(redrive).toEqual({
      code: 0,
      output: expect.stringMatching(/payments: moved 1 message/),
    });

    await waitForOrderStatus(e2e, token, orderId, 'SHIPPED', 60_000);
    const intents = await paymentIntentsOf(env.CONVEYOR_TEST_STRIPE_URL, orderId);
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({ status: 'succeeded', amount: 4200, captureCount: 1 });
    await waitFor(async () => (await readQueueCounts(sqs, paymentsDlq)).visible === 0, {
      description: 'an empty payments DLQ',
    });
  });
});
