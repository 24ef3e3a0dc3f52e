import { StripeEmulatorControl } from '@conveyor/stripe-emulator';
import { waitFor } from '@conveyor/dev-stack';
import { startE2eStack, type E2eStack } from '../../support/e2e-stack';
import { newShopper, type Shopper } from '../../support/order-pipeline.fixture';
import {
  catalogAvailability,
  stockOf,
  waitForCompensation,
  waitForOrderStatus,
} from '../../support/order-pipeline.probe';
import { testEnvironment } from '../../support/test-context';

interface ListedOrder {
  id: string;
  createdAt: string;
}

const env = testEnvironment();
const db = env.CONVEYOR_TEST_DATABASE_URL;
const stripe = env.CONVEYOR_TEST_STRIPE_URL;
const idsOf = (response: { body: { items: ListedOrder[] } }) =>
  response.body.items.map((order) => order.id);
const BY_CUSTOMER = 'cancelled by the customer';
const stockAt = (available: number) => ({ available, reserved: 0, shipped: 0 });

describe('order API: listing, cancellation and restock (four apps as real processes)', () => {
  let e2e: E2eStack;
  let admin: string;

  beforeAll(async () => {
    e2e = await startE2eStack({ label: 'list-cancel' });
    admin = await e2e.token('ops-list', 'admin');
  });

  afterAll(() => e2e?.stop());

  describe('GET /orders', () => {
    it('pages through 25 orders newest first without repeating or skipping one', async () => {
      const shopper = await newShopper(e2e, 'pager', 1000);
      // Concurrent placement gives equal timestamps, so the id tie-break is paged across too.
      const placed = await Promise.all(Array.from({ length: 25 }, () => shopper.place()));

      const pages: ListedOrder[][] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor
          ? `?limit=10&cursor=${encodeURIComponent(cursor)}`
          : '?limit=10';
        const response = await shopper.list(query);
        expect(response.status).toBe(200);
        pages.push(response.body.items as ListedOrder[]);
        cursor = response.body.nextCursor;
      } while (cursor && pages.length < 4);

      expect(pages.map((page) => page.length)).toEqual([10, 10, 5]);
      const listed = pages.flat();
      const ids = listed.map((order) => order.id);
      expect(new Set(ids).size).toBe(25);
      expect([...ids].sort()).toEqual([...placed].sort());
      const newestFirst = [...listed].sort(
        (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id),
      );
      expect(ids).toEqual(newestFirst.map((order) => order.id));

      const byDefault = await shopper.list();
      expect(byDefault.body.items).toHaveLength(20);
      expect(byDefault.body.nextCursor).toEqual(expect.any(String));
    });

    it('filters by status', async () => {
      const shopper = await newShopper(e2e, 'filter', 100);
      const shipped = [await shopper.place(), await shopper.place()];
      const declined = await shopper.place(1, 'pm_card_chargeDeclined');
      for (const id of shipped) await waitForOrderStatus(e2e, shopper.token, id, 'SHIPPED');
      await waitForOrderStatus(e2e, shopper.token, declined, 'PAYMENT_FAILED');

      const idsWith = async (status: string) =>
        idsOf(await shopper.list(`?status=${status}`)).sort();
      expect(await idsWith('SHIPPED')).toEqual([...shipped].sort());
      expect(await idsWith('PAYMENT_FAILED')).toEqual([declined]);
      expect(await idsWith('PENDING')).toEqual([]);
      expect((await shopper.list('?status=LOST')).status).toBe(400);
    });

    it('shows an admin every customer’s orders, and a customer only their own', async () => {
      const carol = await newShopper(e2e, 'carol', 10);
      const dave = await newShopper(e2e, 'dave', 10);
      const carols = await carol.place();
      const daves = await dave.place();

      const asAdmin = await e2e.api.request('GET', '/orders?limit=100', { token: admin });
      expect(idsOf(asAdmin)).toEqual(expect.arrayContaining([carols, daves]));
      expect(idsOf(await carol.list())).toEqual([carols]);
      expect(idsOf(await dave.list())).toEqual([daves]);
    });

    it.each(['0', '101', 'abc', '-5', '2.5'])('answers 400 for limit=%s', async (limit) => {
      const response = await e2e.api.request('GET', `/orders?limit=${limit}`, { token: admin });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body.errors).toContainEqual(expect.objectContaining({ path: 'limit' }));
    });

    it('answers 400 problem+json for a cursor it did not issue', async () => {
      const shopper = await newShopper(e2e, 'cursor', 10);
      await shopper.place();
      await shopper.place();
      const issued = (await shopper.list('?limit=1')).body.nextCursor as string;
      expect((await shopper.list(`?limit=1&cursor=${issued}`)).status).toBe(200);

      const tampered = [
        'not-a-cursor',
        issued.slice(0, -3),
        `x${issued.slice(1)}`,
        Buffer.from('["yesterday","not-an-id"]').toString('base64url'),
        Buffer.from('{"createdAt":"2026-01-01T00:00:00.000Z"}').toString('base64url'),
      ];
      for (const cursor of tampered) {
        const response = await shopper.list(`?limit=1&cursor=${encodeURIComponent(cursor)}`);
        expect({ cursor, status: response.status }).toEqual({ cursor, status: 400 });
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }
    });
  });

  describe('POST /orders/{id}/cancel', () => {
    const control = new StripeEmulatorControl(stripe);
    // Stripe stays slow until the test ends, compensation included: an authorization that began
    // before the cancel was sent then takes 1.5 s, which the one-hop cancellation always beats.
    // Cleared right after the cancel, the three-hop pipeline could ship first (~170 ms here).
    afterEach(() => control.setFaults({}));

    /** Places an order and cancels it while Stripe is slow, so the cancellation overtakes it. */
    async function placeWithSlowStripe(shopper: Shopper, quantity: number, cancels = 1) {
      await control.setFaults({ latencyMs: 1_500 });
      const id = await shopper.place(quantity);
      const cancellations = [];
      for (let i = 0; i < cancels; i++) cancellations.push(await shopper.cancel(id));
      return { id, cancellations };
    }

    it('cancels a just-placed order: nothing is charged and the stock is back', async () => {
      const shopper = await newShopper(e2e, 'cancel-pending', 10);
      const { id, cancellations } = await placeWithSlowStripe(shopper, 1);
      const [accepted] = cancellations;
      expect(accepted.status).toBe(202);
      expect(accepted.body.status).toBe('PENDING');

      const cancelled = await waitForOrderStatus(e2e, shopper.token, id, 'CANCELLED');
      expect(cancelled).toMatchObject({ shipment: null, failureReason: BY_CUSTOMER });
      expect(cancelled.timeline.at(-1)).toMatchObject({ status: 'CANCELLED', reason: BY_CUSTOMER });
      for (const intent of await waitForCompensation(db, stripe, id)) {
        expect(intent).toMatchObject({ amount_received: 0, captureCount: 0 });
      }
      expect(await stockOf(db, shopper.sku)).toEqual(stockAt(10));
    });

    it('refuses to cancel a shipped order with 409 ORDER.NOT_CANCELLABLE', async () => {
      const shopper = await newShopper(e2e, 'cancel-shipped', 10);
      const id = await shopper.place();
      await waitForOrderStatus(e2e, shopper.token, id, 'SHIPPED');
      const refused = await shopper.cancel(id);
      expect(refused.status).toBe(409);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ status: 409, code: 'ORDER.NOT_CANCELLABLE' });
      expect((await e2e.api.getOrder(shopper.token, id)).body.status).toBe('SHIPPED');
    });

    it('accepts a repeated cancellation without compensating twice; a cancelled order refuses more', async () => {
      const shopper = await newShopper(e2e, 'cancel-twice', 10);
      const { id, cancellations } = await placeWithSlowStripe(shopper, 2, 2);
      expect(cancellations.map((response) => response.status)).toEqual([202, 202]);

      const cancelled = await waitForOrderStatus(e2e, shopper.token, id, 'CANCELLED');
      await waitForCompensation(db, stripe, id);
      expect(await stockOf(db, shopper.sku)).toEqual(stockAt(10));
      const entries = cancelled.timeline.filter((entry) => entry.status === 'CANCELLED');
      expect(entries).toHaveLength(1);
      expect((await shopper.cancel(id)).body).toMatchObject({
        status: 409,
        code: 'ORDER.NOT_CANCELLABLE',
      });
    });
  });

  it('applies an admin restock: the catalog shows the new availability within seconds', async () => {
    const { sku } = await newShopper(e2e, 'restock', 5);
    const restock = (path: string, quantity: number) =>
      e2e.api.request('POST', path, { token: admin, body: { quantity } });
    const accepted = await restock(`/admin/inventory/${sku}/restock`, 7);
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ sku, quantity: 7, status: 'ACCEPTED' });
    await waitFor(async () => (await catalogAvailability(e2e, sku)) === 12, {
      timeoutMs: 30_000,
      description: `the catalog to show 12 ${sku} available`,
    });
    expect(await stockOf(db, sku)).toEqual(stockAt(12));
    expect((await restock(`/admin/inventory/${sku}/restock`, 0)).status).toBe(400);
    const unknown = await restock('/admin/inventory/NO-SUCH-SKU/restock', 1);
    expect(unknown.body).toMatchObject({ status: 404, code: 'CATALOG.PRODUCT_NOT_FOUND' });
  });
});
