import { randomUUID } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { QUEUE_NAMES } from '@conveyor/contracts';
import { CONVEYOR_APPS, TraceReceiver, waitFor } from '@conveyor/dev-stack';
import { StripeEmulatorControl } from '@conveyor/stripe-emulator';
import { peekMessages } from '@conveyor/testing';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { waitForOrderStatus, withDeadline } from '../../support/order-pipeline.probe';
import {
  canaryCustomer,
  hitsIn,
  issuedPaymentMethod,
  messageTexts,
  outboxRowsOf,
  requestSealedWithUnknownKey,
  tablesHolding,
} from '../../support/personal-data-canary.probe';
import {
  absorbAbandonedPolls,
  countWaiting,
  fifoFieldsFor,
  sqsClientFor,
} from '../../support/queue-messages.probe';
import { idOf, runDlqRedrive } from '../../support/saga-pipeline.probe';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

jest.setTimeout(180_000);

const env = testEnvironment();
const { address } = canaryCustomer();
const CRASH = 'payment-authorize:after-commit-before-delete';
/** Debug logs too: the most a process ever says about a message. */
const APP_ENV = { SQS_BACKOFF_BASE_SECONDS: '1', SQS_BACKOFF_MAX_SECONDS: '2', LOG_LEVEL: 'debug' };
/** The owning service's own tables: the order keeps its address and payment method. */
const OWNING_TABLES = ['orders.idempotency_keys', 'orders.orders'];

/**
 * S9: a mix of orders with a canary name, street and payment method (shipped, declined, out of
 * stock, cancelled, crashed mid-way, dead-lettered by a Stripe outage and redriven) and a poison
 * message sealed with an unknown key. Afterwards no queue, DLQ, outbox row, table outside the order
 * API's own, log line, metric label or span attribute holds any canary value.
 */
describe('personal data canary through a mixed run (four apps as real processes)', () => {
  const receiver = new TraceReceiver();
  const stripe = new StripeEmulatorControl(env.CONVEYOR_TEST_STRIPE_URL);
  const [sku, scarce] = [uniqueSku('pii'), uniqueSku('pii-scarce')];
  const crashRequest = `pii-crash-${randomUUID()}`;
  let e2e: E2eStack;
  let sqs: SQSClient;
  let token: string;
  let canaries: string[];
  let shipped: string;
  let crashOutbox: string[] = [];
  let poisonOrder: string;

  beforeAll(async () => {
    sqs = sqsClientFor(env.CONVEYOR_TEST_SQS_ENDPOINT);
    const paymentMethod = await issuedPaymentMethod(env.CONVEYOR_TEST_STRIPE_URL);
    canaries = [address.name, address.line1, address.city, paymentMethod];
    const extraEnv: Record<string, Record<string, string>> = Object.fromEntries(
      CONVEYOR_APPS.map((app) => [app, APP_ENV]),
    );
    extraEnv['payment-worker'] = { ...APP_ENV, CONVEYOR_FAILPOINTS: `${CRASH}@${crashRequest}` };
    e2e = await startE2eStack({
      label: 'pii',
      maxReceiveCount: 3,
      extraEnv,
      tracesReceiverUrl: await receiver.start(),
    });
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [
      { sku, priceCents: 1500, stock: 100 },
      { sku: scarce, priceCents: 900, stock: 1 },
    ]);
    token = await e2e.token('pii-canary-customer');
  }, 90_000);

  afterAll(async () => {
    await stripe.setFaults({});
    await e2e?.stop();
    await receiver.stop();
    sqs?.destroy();
  });

  async function place(options: { card?: string; lines?: object[]; requestId?: string } = {}) {
    const placed = await e2e.api.request('POST', '/orders', {
      token,
      headers: {
        'idempotency-key': randomUUID(),
        ...(options.requestId && { 'x-request-id': options.requestId }),
      },
      body: {
        items: options.lines ?? [{ sku, quantity: 1 }],
        paymentMethod: options.card ?? canaries[3],
        shippingAddress: address,
      },
    });
    expect(placed.status).toBe(202);
    return idOf(placed);
  }

  const settle = (id: string, status: string) => waitForOrderStatus(e2e, token, id, status, 90_000);
  /** By order, not by count: a probe an abandoned poll swallowed may be dead-lettered too. */
  const deadLettered = (orderId: string) =>
    countWaiting(sqs, e2e.directory.payments.dlqUrl, {
      type: 'payment.authorization-requested',
      orderId,
    });

  it('ships, declines, runs out of stock, cancels, survives a crash, a Stripe outage and a poison', async () => {
    // The payment worker dies after committing its decision, before its relay sent it: the
    // outgoing messages wait in its outbox, where this test reads them.
    const crashed = await place({ requestId: crashRequest });
    const worker = e2e.stack.service('payment-worker');
    await withDeadline(worker.exited, 60_000, 'the payment worker to die at its failpoint');
    crashOutbox = await outboxRowsOf(env.CONVEYOR_TEST_DATABASE_URL, 'payments', crashed);
    await absorbAbandonedPolls(sqs, e2e.directory.payments.workUrl);
    await e2e.stack.restart('payment-worker', {
      extraEnv: { ...APP_ENV, SQS_MAX_RECEIVE_COUNT: '3' },
    });
    shipped = await place();
    const declined = await place({ card: 'pm_card_chargeDeclined' });
    const short = await place({ lines: [{ sku: scarce, quantity: 2 }] });
    await settle(shipped, 'SHIPPED');
    await settle(declined, 'PAYMENT_FAILED');
    await settle(short, 'OUT_OF_STOCK');
    await settle(crashed, 'SHIPPED');

    // Cancelled while Stripe is slow, so the one-hop cancellation overtakes the pipeline. Slow
    // until the order settles: cleared at once, the pipeline could ship first.
    await stripe.setFaults({ latencyMs: 1_500 });
    const cancelled = await place();
    const cancel = await e2e.api.request('POST', `/orders/${cancelled}/cancel`, { token });
    expect(cancel.status).toBe(202);
    await settle(cancelled, 'CANCELLED');
    await stripe.setFaults({});

    // Stripe answers 500 until SQS dead-letters the request; redriven once Stripe is back.
    const payments = e2e.directory.payments;
    await stripe.setFaults({ errorRate: 1, errorStatuses: [500] });
    const redriven = await place();
    await waitFor(async () => (await deadLettered(redriven)) === 1, {
      timeoutMs: 60_000,
      description: 'the authorization request dead-lettered by the Stripe outage',
    });
    await stripe.setFaults({});
    expect((await runDlqRedrive(e2e, 'payments')).code).toBe(0);
    await settle(redriven, 'SHIPPED');

    const poison = requestSealedWithUnknownKey(address, canaries[3]);
    poisonOrder = poison.orderId;
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: payments.workUrl,
        MessageBody: poison.body,
        ...fifoFieldsFor(payments.workUrl, poison.orderId),
      }),
    );
    await waitFor(async () => (await deadLettered(poison.orderId)) === 1, {
      timeoutMs: 30_000,
      description: 'the poison sealed with an unknown key in the payments DLQ',
    });
  });

  it('leaves no canary in any queue or DLQ; the DLQ peek shows sealed fields by key id', async () => {
    // The operator's view first: the peek below hides what it reads for a few seconds.
    const admin = await e2e.token('pii-ops', 'admin');
    const peeked = await e2e.api.request('GET', '/admin/dead-letters/payments', { token: admin });
    // A probe swallowed by the crashed worker's abandoned poll may be there too: it names no order.
    const ofOrders = peeked.body.messages.filter(
      (message: { orderId: unknown }) => message.orderId,
    );
    expect(ofOrders).toEqual([
      expect.objectContaining({
        orderId: poisonOrder,
        poisonReason: 'cannot open paymentMethod: unknown key (key retired)',
        body: expect.objectContaining({
          payload: expect.objectContaining({
            paymentMethod: '«encrypted:retired»',
            shippingAddress: '«encrypted:retired»',
          }),
        }),
      }),
    ]);

    const messages = [];
    for (const queue of QUEUE_NAMES) {
      const { workUrl, dlqUrl } = e2e.directory[queue];
      messages.push(
        ...(await peekMessages(sqs, workUrl, 5)),
        ...(await peekMessages(sqs, dlqUrl, 5)),
      );
    }
    const texts = messageTexts(messages);
    expect(hitsIn(texts, canaries)).toEqual([]);
    expect(hitsIn(texts, ['v1.retired.']).length).toBe(1);
  });

  it('leaves no canary in any outbox row, nor in any table but the order API’s own', async () => {
    // The crashed worker's outbox held the address it passed on: sealed, for shipping alone.
    expect(crashOutbox.some((row) => row.includes('"shippingAddress":"v1.spec-ship.'))).toBe(true);
    expect(hitsIn(crashOutbox, canaries)).toEqual([]);

    const holding = await tablesHolding(env.CONVEYOR_TEST_DATABASE_URL, canaries);
    expect(Object.keys(holding).sort()).toEqual(OWNING_TABLES);
  });

  it('leaves no canary in any log line, metric label or span attribute', async () => {
    for (const app of CONVEYOR_APPS) {
      expect(e2e.logs.some((line) => line.startsWith(`${app} | {`))).toBe(true);
    }
    expect(hitsIn(e2e.logs, canaries)).toEqual([]);

    for (const app of CONVEYOR_APPS) {
      const metrics = await (await fetch(`http://127.0.0.1:${e2e.ports[app]}/metrics`)).text();
      expect({ app, hits: hitsIn(metrics.split('\n'), canaries) }).toEqual({ app, hits: [] });
    }

    // The shipped order's trace reached every app before the spans are searched.
    await waitFor(() => new Set(receiver.byOrder(shipped).map((span) => span.service)).size === 4, {
      timeoutMs: 30_000,
      description: 'spans of the shipped order from all four apps',
    });
    const spans = receiver.all().map((span) => JSON.stringify(span));
    expect(spans.length).toBeGreaterThan(50);
    expect(hitsIn(spans, canaries)).toEqual([]);
  });
});
