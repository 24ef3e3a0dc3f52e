import { BrowserSession, saveScreenshot, type PageProblems } from '@conveyor/testing';
import { waitFor, withPostgresClient } from '@conveyor/dev-stack';
import type { Page } from 'playwright-core';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { seedProducts, testEnvironment, uniqueSku } from '../../support/test-context';

/**
 * The storefront in Debian's Chromium against the four apps as real processes and the Stripe
 * emulator: a customer signs in, fills the cart, and watches the order's status arrive live.
 */
describe('the storefront /shop in a real browser', () => {
  const env = testEnvironment();
  let e2e: E2eStack;
  let browser: BrowserSession;
  let baseUrl: string;
  const mug = uniqueSku('shop-mug');
  const cap = uniqueSku('shop-cap');

  beforeAll(async () => {
    await seedProducts(env.CONVEYOR_TEST_DATABASE_URL, [
      { sku: mug, name: 'Shop test mug', priceCents: 1250, stock: 50 },
      { sku: cap, name: 'Shop test cap', priceCents: 1500, stock: 50 },
    ]);
    e2e = await startE2eStack({
      label: 'shop',
      extraEnv: { 'order-api': { DEMO_SIGN_IN: 'true' } },
    });
    baseUrl = e2e.api.baseUrl;
    browser = await BrowserSession.launch();
  });

  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
  });

  async function signedIn(customer: string): Promise<{ page: Page; problems: PageProblems }> {
    const { page, problems } = await browser.newPage();
    await page.goto(`${baseUrl}/shop`);
    await page.getByLabel('Customer name').fill(customer);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(`Signed in as ${customer}`).waitFor();
    return { page, problems };
  }

  async function fillCartAndChooseCard(page: Page, card: RegExp): Promise<void> {
    await page.getByRole('button', { name: 'Add Shop test mug to cart' }).click();
    await page.getByRole('button', { name: 'Add Shop test mug to cart' }).click();
    await page.getByRole('button', { name: 'Add Shop test cap to cart' }).click();
    await page.getByLabel('Quantity of Shop test cap').fill('3');
    await page.getByRole('group', { name: /Card/ }).getByLabel(card).check();
  }

  const orderStatus = (page: Page) => page.locator('#order-status [data-order-status]');

  const ordersOf = (customer: string) =>
    withPostgresClient(env.CONVEYOR_TEST_DATABASE_URL, async (sql) => {
      const { rows } = await sql.query<{ id: string; status: string }>(
        'SELECT id, status FROM orders.orders WHERE customer_id = $1',
        [customer],
      );
      return rows;
    });

  function expectNoProblems(problems: PageProblems): void {
    expect(problems).toEqual({ consoleErrors: [], cspViolations: [], pageErrors: [] });
  }

  it('places an order paid by visa and shows it move live to SHIPPED, step by step', async () => {
    const { page, problems } = await signedIn('shop-visa');
    await fillCartAndChooseCard(page, /4242/);
    await expect(page.locator('#cart-total').textContent()).resolves.toBe('€70.00');
    await saveScreenshot(page, 'shop-cart');

    await page.getByRole('button', { name: 'Place order' }).click();
    await orderStatus(page).getByText('SHIPPED', { exact: true }).waitFor({ timeout: 60_000 });

    const timeline = await page.locator('#order-status ol.timeline .status').allTextContents();
    expect(timeline).toEqual(['PENDING', 'PAYMENT_AUTHORIZED', 'INVENTORY_RESERVED', 'SHIPPED']);
    await expect(page.locator('#order-status').textContent()).resolves.toMatch(
      /tracking number CP/,
    );
    const [order] = await ordersOf('shop-visa');
    expect(order).toMatchObject({ status: 'SHIPPED' });
    await saveScreenshot(page, 'shop-shipped');
    expectNoProblems(problems);
  });

  it('shows a declined card as PAYMENT_FAILED with the reason', async () => {
    const { page, problems } = await signedIn('shop-declined');
    await fillCartAndChooseCard(page, /0002/);
    await page.getByRole('button', { name: 'Place order' }).click();

    await orderStatus(page).getByText('PAYMENT_FAILED', { exact: true }).waitFor({
      timeout: 60_000,
    });
    await expect(page.locator('#order-status [data-failure-reason]').textContent()).resolves.toBe(
      'Reason: card_declined: generic_decline',
    );
    await saveScreenshot(page, 'shop-payment-failed');
    expectNoProblems(problems);
  });

  it('places one order for a double click on Place order', async () => {
    const { page, problems } = await signedIn('shop-double');
    await fillCartAndChooseCard(page, /4242/);
    await page.getByRole('button', { name: 'Place order' }).dblclick();

    await orderStatus(page).getByText('SHIPPED', { exact: true }).waitFor({ timeout: 60_000 });
    expect(await ordersOf('shop-double')).toHaveLength(1);
    expectNoProblems(problems);
  });

  it('retries with the same Idempotency-Key after an answer is lost, placing one order', async () => {
    const { page, problems } = await signedIn('shop-retry');
    await fillCartAndChooseCard(page, /4242/);
    const keys: string[] = [];
    let lostAnswers = 0;
    // The first request reaches the API, which places the order; its answer never arrives.
    await page.route('**/orders', async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      const response = await route.fetch();
      if (lostAnswers++ === 0) return route.abort('timedout');
      return route.fulfill({ response });
    });

    await page.getByRole('button', { name: 'Place order' }).click();
    await page.getByText(/No answer from the shop in time/).waitFor();
    expect(await ordersOf('shop-retry')).toHaveLength(1);
    await page.getByRole('button', { name: 'Place order' }).click();

    await orderStatus(page).getByText('SHIPPED', { exact: true }).waitFor({ timeout: 60_000 });
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await ordersOf('shop-retry')).toHaveLength(1);
    // The lost answer is the one error the browser reports, as it would on a real network.
    expect(problems.consoleErrors).toEqual([expect.stringMatching(/ERR_TIMED_OUT/)]);
    expect(problems.cspViolations).toEqual([]);
  });

  it('updates availability live and stays usable from the keyboard', async () => {
    const { page, problems } = await browser.newPage();
    await page.goto(`${baseUrl}/shop`);
    const available = page.locator(`#available-${mug}`);
    const before = Number(await available.textContent());
    await withPostgresClient(env.CONVEYOR_TEST_DATABASE_URL, (sql) =>
      sql.query('UPDATE orders.products SET available = available + 7 WHERE sku = $1', [mug]),
    );
    await waitFor(async () => Number(await available.textContent()) === before + 7, {
      timeoutMs: 20_000,
      description: 'the availability cell to show the new stock',
    });

    // Typing and Enter sign in and fill the cart: no mouse needed.
    await page.getByLabel('Customer name').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('shop-keys');
    await page.keyboard.press('Enter');
    await page.getByText('Signed in as shop-keys').waitFor();
    await page.getByRole('button', { name: 'Add Shop test mug to cart' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('#cart-total').textContent()).resolves.toBe('€12.50');
    await saveScreenshot(page, 'shop-catalog');
    expectNoProblems(problems);
  });
});
