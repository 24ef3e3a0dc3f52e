import { randomBytes, randomUUID } from 'node:crypto';
import { type Message, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { QUEUE_NAMES } from '@conveyor/contracts';
import { CONVEYOR_APPS, waitFor, withPostgresClient } from '@conveyor/dev-stack';
import { StripeEmulatorControl } from '@conveyor/stripe-emulator';
import { peekMessages, waitForQueueCounts } from '@conveyor/testing';
import { parseAppLogs } from '../../support/app-logs';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { waitForOrderStatus } from '../../support/order-pipeline.probe';
import { fifoFieldsFor, sqsClientFor } from '../../support/queue-messages.probe';
import { idOf, logEntries } from '../../support/saga-pipeline.probe';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

jest.setTimeout(180_000);

const env = testEnvironment();
const tag = randomBytes(4).toString('hex');
/** A Stripe key the emulator accepts, and an address: neither may reach a log line or a DLQ. */
const CANARY_KEY = `sk_test_canary${tag}`;
const CANARY_ADDRESS = {
  name: `Canary-Name-${tag}`,
  line1: `Canary-Street-${tag} 7`,
  city: `Canary-City-${tag}`,
  postalCode: `CP-${tag}`,
  country: 'DE',
};
const CANARIES = [CANARY_KEY, CANARY_ADDRESS.name, CANARY_ADDRESS.line1, CANARY_ADDRESS.city];

/**
 * S9: a whole run with a canary Stripe key and a canary customer, through successes, a declined
 * card, a poison message and a retried Stripe failure, with the four apps as production runs them.
 * Afterwards no app's log line and no dead-letter message holds either canary. Messages carry the
 * address sealed (see test/e2e/security/personal-data-canary.e2e.spec.ts for the full search).
 */
describe('secret and PII canaries through a whole run', () => {
  const sku = uniqueSku('canary');
  const stripe = new StripeEmulatorControl(env.CONVEYOR_TEST_STRIPE_URL);
  let e2e: E2eStack;
  let sqs: SQSClient;
  let token: string;

  beforeAll(async () => {
    sqs = sqsClientFor(env.CONVEYOR_TEST_SQS_ENDPOINT);
    const production = {
      NODE_ENV: 'production',
      DATABASE_SSL: 'disable',
      SQS_BACKOFF_BASE_SECONDS: '1',
      SQS_BACKOFF_MAX_SECONDS: '2',
    };
    const extraEnv: Record<string, Record<string, string>> = Object.fromEntries(
      CONVEYOR_APPS.map((app) => [app, production]),
    );
    extraEnv['payment-worker'] = { ...production, STRIPE_SECRET_KEY: CANARY_KEY };
    e2e = await startE2eStack({ label: 'canary', maxReceiveCount: 3, extraEnv });
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 1500, stock: 100 }]);
    token = await e2e.token('canary-customer');
  }, 90_000);

  afterAll(async () => {
    // The emulator is shared by every test file: never leave faults behind.
    await stripe.setFaults({});
    await e2e?.stop();
    sqs?.destroy();
  });

  async function placeCanaryOrder(paymentMethod = 'pm_card_visa', requestId?: string) {
    const placed = await e2e.api.request('POST', '/orders', {
      token,
      headers: { 'idempotency-key': randomUUID(), ...(requestId && { 'x-request-id': requestId }) },
      body: { items: [{ sku, quantity: 1 }], paymentMethod, shippingAddress: CANARY_ADDRESS },
    });
    expect(placed.status).toBe(202);
    return idOf(placed);
  }

  it('ships orders, declines a card, dead-letters poison and recovers from a Stripe outage', async () => {
    // A key pasted where a request id goes becomes the correlation id of every app's log lines.
    const shipped = [await placeCanaryOrder('pm_card_visa', CANARY_KEY), await placeCanaryOrder()];
    const declined = await placeCanaryOrder('pm_card_chargeDeclined');
    for (const id of shipped) await waitForOrderStatus(e2e, token, id, 'SHIPPED', 60_000);
    await waitForOrderStatus(e2e, token, declined, 'PAYMENT_FAILED', 60_000);

    const payments = e2e.directory.payments;
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: payments.workUrl,
        MessageBody: JSON.stringify({ messageId: randomUUID(), type: 'payment.teleport' }),
        ...fifoFieldsFor(payments.workUrl, 'canary-poison'),
      }),
    );
    await waitForQueueCounts(sqs, payments.dlqUrl, (counts) => counts.visible === 1, {
      timeoutMs: 30_000,
      description: 'the poison message in the payments DLQ',
    });

    await stripe.setFaults({ errorRate: 1, errorStatuses: [500] });
    const retried = await placeCanaryOrder();
    await waitFor(
      () =>
        logEntries(e2e, 'payment-worker').some(
          (entry) =>
            entry.msg === 'message failed; retrying after backoff' &&
            entry.type === 'payment.authorization-requested',
        ),
      { timeoutMs: 30_000, description: 'a failed payment attempt, to be retried' },
    );
    await stripe.setFaults({});
    await waitForOrderStatus(e2e, token, retried, 'SHIPPED', 60_000);

    // The address did travel: the order API keeps it, and the workers passed it along.
    const stored = await withPostgresClient(env.CONVEYOR_TEST_DATABASE_URL, async (sql) => {
      const { rows } = await sql.query(
        `SELECT shipping_address->>'name' AS name FROM orders.orders WHERE id = $1`,
        [retried],
      );
      return rows.map((row: { name: string }) => row.name);
    });
    expect(stored).toEqual([CANARY_ADDRESS.name]);
  });

  it('leaves neither canary in any app’s log lines', () => {
    for (const app of CONVEYOR_APPS) {
      expect({ app, lines: logEntries(e2e, app).length > 0 }).toEqual({ app, lines: true });
    }
    const hits = e2e.logs.filter((line) => CANARIES.some((canary) => line.includes(canary)));
    expect(hits).toEqual([]);
    const masked = parseAppLogs(e2e.logs).filter(
      ({ entry }) => entry?.correlationId === 'sk_test_[Redacted]',
    );
    expect(new Set(masked.map(({ app }) => app))).toEqual(new Set(CONVEYOR_APPS));
  });

  it('leaves neither canary in any dead-letter message', async () => {
    const dead: Message[] = [];
    for (const queue of QUEUE_NAMES) {
      dead.push(...(await peekMessages(sqs, e2e.directory[queue].dlqUrl, 1)));
    }
    expect(dead.map((message) => JSON.parse(message.Body ?? '{}').type)).toEqual([
      'payment.teleport',
    ]);
    const hits = dead
      .map((message) => JSON.stringify(message))
      .filter((text) => CANARIES.some((canary) => text.includes(canary)));
    expect(hits).toEqual([]);
  });
});
