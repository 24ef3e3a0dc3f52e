import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig, testEnvSchema } from '@conveyor/config';
import { waitFor } from '@conveyor/dev-stack';
import { serviceDataSourceOptions } from '@conveyor/persistence';
import { ordersDatabase } from '../../database/orders.database';
import { Order } from '../../orders/domain/order.aggregate';
import type { OrderView } from '../../orders/get-order/order.view';
import { OrderRepository } from '../../orders/persistence/order.repository';
import { OrderStatusWatcher } from './order-status.watcher';

/** Records what a status stream would have sent. */
class RecordingWatch {
  readonly statuses: string[] = [];
  closed = false;
  onChange = (view: OrderView) => void this.statuses.push(view.status);
  onClose = () => void (this.closed = true);
}

describe('OrderStatusWatcher (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let orders: OrderRepository;
  let watcher: OrderStatusWatcher;
  let statements: string[];

  beforeAll(async () => {
    const { CONVEYOR_TEST_DATABASE_URL: url } = loadConfig(testEnvSchema);
    const options = serviceDataSourceOptions({
      ...ordersDatabase,
      url,
      ssl: { mode: 'disable' },
      poolSize: 2,
      applicationName: 'order-status-watcher-spec',
    });
    dataSource = await new DataSource(options).initialize();
    orders = new OrderRepository(dataSource);
  });

  beforeEach(() => {
    watcher = new OrderStatusWatcher(dataSource, orders);
    statements = [];
    const query = dataSource.query.bind(dataSource);
    jest.spyOn(dataSource, 'query').mockImplementation((sql: string, parameters?: unknown) => {
      statements.push(sql);
      return query(sql, parameters as unknown[] | undefined);
    });
  });

  afterEach(() => {
    watcher.onModuleDestroy();
    jest.restoreAllMocks();
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  async function placedOrder(): Promise<Order> {
    const order = Order.place(
      {
        id: randomUUID(),
        customerId: 'watcher-spec',
        items: [{ sku: 'MUG-CLASSIC', name: 'Mug', quantity: 1, unitPriceCents: 1250 }],
        currency: 'EUR',
        shippingAddress: { name: 'A', line1: 'l1', city: 'c', postalCode: 'p', country: 'DE' },
        paymentMethod: 'pm_card_visa',
      },
      new Date(),
    );
    await orders.insert(dataSource.manager, order);
    return order;
  }

  async function move(order: Order, step: (order: Order) => unknown): Promise<void> {
    step(order);
    await orders.saveTransition(dataSource.manager, order);
  }

  it('tells every watcher of an order about each step, from one query per round', async () => {
    const order = await placedOrder();
    const [first, second] = [new RecordingWatch(), new RecordingWatch()];
    watcher.subscribe(order.snapshot.id, 1, first);
    watcher.subscribe(order.snapshot.id, 1, second);

    await move(order, (o) => o.paymentAuthorized(new Date()));
    await waitFor(() => first.statuses.length === 1 && second.statuses.length === 1, {
      description: 'both watchers to hear of PAYMENT_AUTHORIZED',
    });
    await move(order, (o) => o.stockReserved(new Date()));
    await waitFor(() => first.statuses.length === 2, { description: 'INVENTORY_RESERVED' });

    expect(first.statuses).toEqual(['PAYMENT_AUTHORIZED', 'INVENTORY_RESERVED']);
    expect(second.statuses).toEqual(first.statuses);
    const polls = statements.filter((sql) => sql.includes('jsonb_array_length'));
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.every((sql) => sql.includes('ANY($1::uuid[])'))).toBe(true);
  });

  it('sends a late subscriber only what it has not seen, and stops querying when all leave', async () => {
    const order = await placedOrder();
    await move(order, (o) => o.paymentFailed('card_declined: insufficient_funds', new Date()));
    const late = new RecordingWatch();
    const leave = watcher.subscribe(order.snapshot.id, 1, late);
    await waitFor(() => late.statuses.length === 1, { description: 'the missed PAYMENT_FAILED' });
    expect(late.statuses).toEqual(['PAYMENT_FAILED']);

    leave();
    expect(watcher.watchedOrders).toBe(0);
  });

  it('closes every open watch when the app shuts down', async () => {
    const order = await placedOrder();
    const watch = new RecordingWatch();
    watcher.subscribe(order.snapshot.id, 1, watch);
    watcher.onModuleDestroy();
    expect(watch.closed).toBe(true);
    expect(watcher.watchedOrders).toBe(0);
  });
});
