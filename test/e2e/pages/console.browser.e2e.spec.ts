import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { CONVEYOR_APPS, TraceReceiver, waitFor } from '@conveyor/dev-stack';
import { BrowserSession, saveScreenshot, type PageProblems } from '@conveyor/testing';
import type { Page } from 'playwright-core';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import {
  absorbAbandonedPolls,
  fifoFieldsFor,
  sqsClientFor,
  takeMessage,
} from '../../support/queue-messages.probe';
import { waitForOrderStatus } from '../../support/order-pipeline.probe';
import { idOf, runDlq } from '../../support/saga-pipeline.probe';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

const env = testEnvironment();
const POISON_REASON = 'Stripe refused the request: No such payment_method (a release since fixed)';

describe('operations console in Chromium (four apps as real processes)', () => {
  let e2e: E2eStack;
  let sqs: SQSClient;
  let browser: BrowserSession;
  let baseUrl: string;
  let adminToken: string;
  const receiver = new TraceReceiver();

  beforeAll(async () => {
    // The apps export their spans to this receiver, and the console reads the order's back.
    const tracesReceiverUrl = await receiver.start();
    sqs = sqsClientFor(env.CONVEYOR_TEST_SQS_ENDPOINT);
    // Depth gauges sampled every second, so the overview follows within a couple of samples.
    const fastSamples = { QUEUE_METRICS_INTERVAL_SECONDS: '1' };
    e2e = await startE2eStack({
      label: 'console',
      tracesReceiverUrl,
      extraEnv: Object.fromEntries(CONVEYOR_APPS.map((app) => [app, fastSamples])),
    });
    baseUrl = `http://127.0.0.1:${e2e.ports['order-api']}`;
    adminToken = await e2e.token('console-admin', 'admin');
    browser = await BrowserSession.launch();
  });

  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
    await receiver.stop();
    sqs?.destroy();
  });

  async function signIn(page: Page, token: string): Promise<void> {
    await page.goto(`${baseUrl}/console`);
    await page.waitForURL(`${baseUrl}/console/sign-in`);
    await page.fill('#token', token);
    await page.click('button[type=submit]');
  }

  /** The payments DLQ's depth as the admin API and the dlq CLI report it. */
  async function paymentsDlqElsewhere(): Promise<{ api: number; cli: number }> {
    const response = await fetch(`${baseUrl}/admin/queues`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    const { queues } = (await response.json()) as {
      queues: { queue: string; dlq: { visible: number } }[];
    };
    const stats = await runDlq(e2e, ['stats']);
    const line = stats.output.split('\n').find((text) => text.startsWith('payments '));
    return {
      api: queues.find((entry) => entry.queue === 'payments')!.dlq.visible,
      cli: Number(/DLQ (\d+)/.exec(line ?? '')?.[1]),
    };
  }

  function expectNoProblems(problems: PageProblems): void {
    expect(problems).toEqual({ consoleErrors: [], cspViolations: [], pageErrors: [] });
  }

  it('refuses a customer token and keeps an admin session in a strict cookie', async () => {
    const refused = await browser.newPage();
    await signIn(refused.page, await e2e.token('console-customer'));
    await refused.page.getByRole('alert').waitFor();
    expect(await refused.page.getByRole('alert').textContent()).toMatch(/customer token/);
    expect(await refused.context.cookies()).toEqual([]);
    // The 403 of the refused form is the only thing the browser complains about.
    expect(refused.problems.cspViolations).toEqual([]);
    expect(refused.problems.consoleErrors).toEqual([expect.stringMatching(/403/)]);
    await saveScreenshot(refused.page, 'console-sign-in-refused');
    await refused.context.close();

    const { page, context, problems } = await browser.newPage();
    await signIn(page, adminToken);
    await page.waitForURL(`${baseUrl}/console`);
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({
      name: 'conveyor_console',
      value: adminToken,
      path: '/console',
      httpOnly: true,
      sameSite: 'Strict',
      // NODE_ENV=development here; production sets Secure.
      secure: false,
    });
    expect(await page.textContent('.console-nav')).toContain('Signed in as console-admin');
    expectNoProblems(problems);
    await context.close();
  });

  it('refuses a console action without its CSRF token or from another origin (403)', async () => {
    const { page, context } = await browser.newPage();
    await signIn(page, adminToken);
    await page.waitForURL(`${baseUrl}/console`);
    const token = await page.locator('input[name=_csrf]').first().inputValue();
    const post = (headers: Record<string, string>, form: Record<string, string>) =>
      context.request.post(`${baseUrl}/console/sign-out`, { headers, form, maxRedirects: 0 });

    const missing = await post({ origin: baseUrl }, {});
    expect(missing.status()).toBe(403);
    expect(await missing.text()).toMatch(/CSRF/);
    expect((await post({ origin: 'http://evil.example' }, { _csrf: token })).status()).toBe(403);
    const crossSite = { origin: baseUrl, 'sec-fetch-site': 'cross-site' };
    expect((await post(crossSite, { _csrf: token })).status()).toBe(403);
    expect((await post({ origin: baseUrl }, { _csrf: `${token}x` })).status()).toBe(403);
    // Still signed in: nothing above acted.
    expect((await context.cookies()).map((c) => c.name)).toEqual(['conveyor_console']);
    const signedOut = await post({ origin: baseUrl }, { _csrf: token });
    expect(signedOut.status()).toBe(303);
    expect(signedOut.headers().location).toBe('/console/sign-in');
    await context.close();
  });

  it('streams the overview over SSE: orders by status follow a shipped order', async () => {
    const { page, context, problems } = await browser.newPage();
    await signIn(page, adminToken);
    await page.waitForURL(`${baseUrl}/console`);
    const shippedCell = page.locator('#overview td[data-status="SHIPPED"]');
    await shippedCell.waitFor();
    const shippedBefore = Number(await shippedCell.textContent());

    const sku = uniqueSku('console');
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 1500, stock: 5 }]);
    const customer = await e2e.token('console-shopper');
    const placed = await e2e.api.placeOrder(customer, [{ sku, quantity: 1 }]);
    await waitForOrderStatus(e2e, customer, idOf(placed), 'SHIPPED', 60_000);

    await waitFor(async () => Number(await shippedCell.textContent()) > shippedBefore, {
      timeoutMs: 20_000,
      description: 'the overview showing one more shipped order, without a reload',
    });
    for (const queue of ['payments', 'inventory', 'shipping', 'order-events']) {
      const row = page.locator(`#overview tr[data-queue="${queue}"]`);
      expect(await row.locator('[data-figure=dlq]').textContent()).toMatch(/^\s*\d+\s*$/);
      expect(await row.locator('[data-figure=wait]').textContent()).not.toMatch(/not measured/);
    }
    expect(await page.locator('#overview svg.sparkline').count()).toBeGreaterThan(4);
    await saveScreenshot(page, 'console-overview');

    // The order page, reached through the navigation's lookup form.
    await page.fill('#order-lookup', idOf(placed));
    await page.click('.order-lookup button');
    await page.waitForURL(`${baseUrl}/console/orders/${idOf(placed)}`);
    expect(await page.textContent('[data-figure=status]')).toBe('SHIPPED');
    expect(await page.locator('#timeline-heading + table tbody tr').count()).toBe(4);
    expect(await page.textContent('[data-figure=outbox]')).toMatch(/None/);
    // Spans are exported in batches: reload until the four services' spans have arrived.
    await waitFor(
      async () => {
        await page.reload();
        return (await page.locator('.waterfall-main .waterfall-service').count()) === 4;
      },
      { timeoutMs: 20_000, intervalMs: 1000, description: 'a waterfall across four services' },
    );
    expect(await page.locator('.waterfall-main .waterfall-service').allTextContents()).toEqual(
      ['order-api', 'payment-worker', 'inventory-worker', 'shipping-worker'].map((service) =>
        expect.stringContaining(service),
      ),
    );
    expect(await page.locator('[data-figure=messages] tbody tr').count()).toBeGreaterThan(6);
    await saveScreenshot(page, 'console-order');
    expectNoProblems(problems);
    await context.close();
  });

  it('shows a dead-lettered payment request with its reason, redrives it and shows the DLQ empty', async () => {
    const payments = e2e.directory.payments;
    // A release that wrongly refused valid payment requests dead-lettered one, labelled as the
    // consumer labels poison; the fixed release is running again when the operator redrives it.
    await e2e.stack.service('payment-worker').stop();
    await absorbAbandonedPolls(sqs, payments.workUrl);
    const sku = uniqueSku('console-dlq');
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [{ sku, priceCents: 2500, stock: 5 }]);
    const customer = await e2e.token('console-dlq-shopper');
    const orderId = idOf(await e2e.api.placeOrder(customer, [{ sku, quantity: 1 }]));
    const body = await takeMessage(sqs, payments.workUrl, {
      type: 'payment.authorization-requested',
      orderId,
    });
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: payments.dlqUrl,
        MessageBody: body,
        MessageAttributes: {
          'conveyor-poison-reason': { DataType: 'String', StringValue: POISON_REASON },
          'conveyor-source-queue': { DataType: 'String', StringValue: 'payments' },
        },
        ...fifoFieldsFor(payments.dlqUrl, orderId),
      }),
    );
    await e2e.stack.restart('payment-worker');

    const { page, context, problems } = await browser.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await signIn(page, adminToken);
    await page.waitForURL(`${baseUrl}/console`);
    await page.click('.console-nav >> text=Dead letters');
    await page.waitForURL(`${baseUrl}/console/dead-letters`);
    expect(await page.textContent('tr[data-queue=payments] [data-figure=dlq]')).toMatch(
      /^\s*1\s*$/,
    );
    await page.click('tr[data-queue=payments] a');
    await page.waitForURL(`${baseUrl}/console/dead-letters/payments`);
    const row = page.locator('#dead-letters tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.locator('[data-figure=reason]').textContent()).toContain(POISON_REASON);
    expect(await row.textContent()).toContain(orderId);
    await saveScreenshot(page, 'console-dead-letters');
    expect(await paymentsDlqElsewhere()).toEqual({ api: 1, cli: 1 });

    await page.click('text=Redrive all to payments');
    await page.locator('#redrive-progress [data-state=completed]').waitFor({ timeout: 60_000 });
    expect(await page.textContent('#redrive-progress')).toMatch(
      /1 moved back to payments, 0 failed again/,
    );
    await page.locator('#dlq-listing [data-figure=dlq-empty]').waitFor({ timeout: 30_000 });
    await saveScreenshot(page, 'console-dead-letters-redriven');
    expect(await paymentsDlqElsewhere()).toEqual({ api: 0, cli: 0 });

    // Valid once redriven: the payment worker completes the order.
    await waitForOrderStatus(e2e, customer, orderId, 'SHIPPED', 60_000);
    expectNoProblems(problems);
    await context.close();
  });
});
