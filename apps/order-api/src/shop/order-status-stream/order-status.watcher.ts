import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrderRepository } from '../../orders/persistence/order.repository';
import { toOrderView, type OrderView } from '../../orders/get-order/order.view';

/** How often the one shared query runs while anyone is watching. */
export const WATCH_INTERVAL_MS = 500;

export interface OrderWatch {
  /** Called with the order each time its status moved on since the last call. */
  onChange(view: OrderView): void;
  /** Called once when the process shuts down, so the stream can end cleanly. */
  onClose(): void;
}

interface Subscriber {
  watch: OrderWatch;
  /** Timeline entries the subscriber has seen: each status change appends one. */
  seenSteps: number;
}

/**
 * Tells the storefront's open status streams when their orders move. However many browsers
 * watch, one query per tick reads the timeline length of every watched order (whichever replica
 * applied the change), and each changed order is loaded once for all of its watchers. No watcher,
 * no query. PostgreSQL LISTEN/NOTIFY would need a dedicated connection and a trigger for the
 * same result at demo scale; docs/shop.md says when that would pay.
 */
@Injectable()
export class OrderStatusWatcher implements OnModuleDestroy {
  private readonly logger = new Logger(OrderStatusWatcher.name);
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private timer?: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrderRepository,
  ) {}

  /** Watches an order whose view with `seenSteps` timeline entries the caller already has. */
  subscribe(orderId: string, seenSteps: number, watch: OrderWatch): () => void {
    if (this.closed) {
      queueMicrotask(() => watch.onClose());
      return () => undefined;
    }
    const subscriber: Subscriber = { watch, seenSteps };
    const set = this.subscribers.get(orderId) ?? new Set();
    set.add(subscriber);
    this.subscribers.set(orderId, set);
    this.schedule();
    return () => this.unsubscribe(orderId, subscriber);
  }

  get watchedOrders(): number {
    return this.subscribers.size;
  }

  onModuleDestroy(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    const all = [...this.subscribers.values()].flatMap((set) => [...set]);
    this.subscribers.clear();
    for (const subscriber of all) subscriber.watch.onClose();
  }

  private unsubscribe(orderId: string, subscriber: Subscriber): void {
    const set = this.subscribers.get(orderId);
    set?.delete(subscriber);
    if (set?.size === 0) this.subscribers.delete(orderId);
  }

  private schedule(): void {
    if (this.timer || this.closed || this.subscribers.size === 0) return;
    this.timer = setTimeout(() => {
      void this.tick()
        .catch((error: unknown) =>
          this.logger.warn(`order status poll failed, retrying: ${String(error)}`),
        )
        .finally(() => {
          this.timer = undefined;
          this.schedule();
        });
    }, WATCH_INTERVAL_MS);
  }

  /** One round: which watched orders gained a timeline entry, then one load per such order. */
  async tick(): Promise<void> {
    const ids = [...this.subscribers.keys()];
    if (ids.length === 0) return;
    const rows = await this.dataSource.query<{ id: string; steps: number }[]>(
      `SELECT id, jsonb_array_length(timeline) AS steps FROM orders.orders WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    for (const { id, steps } of rows) {
      const behind = [...(this.subscribers.get(id) ?? [])].filter((s) => s.seenSteps < steps);
      if (behind.length === 0) continue;
      const order = await this.orders.findById(id);
      if (!order) continue;
      const view = toOrderView(order);
      for (const subscriber of behind) {
        subscriber.seenSteps = view.timeline.length;
        subscriber.watch.onChange(view);
      }
    }
  }
}
