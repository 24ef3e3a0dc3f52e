import type { ConveyorApiClient, OrderListItem } from './conveyor-api.client';
import type { CustomerTokensPool } from './customer-tokens.pool';

export const TERMINAL_STATUSES = ['SHIPPED', 'PAYMENT_FAILED', 'OUT_OF_STOCK', 'CANCELLED'];

export interface TrackedOrder {
  id: string;
  createdAtMs: number;
  status: string;
  /** Server time of the terminal timeline entry. */
  terminalAtMs?: number;
  /** Set when the order was looked up one by one and the API did not know it. */
  missing?: boolean;
}

const LOOKUP_CONCURRENCY = 8;

/**
 * Follows every accepted order to its terminal status without polling each one: it pages the
 * admin order list (newest first) down to the oldest order still moving, a few pages per call,
 * carrying on where it stopped. Timeline timestamps, not discovery time, give the latencies.
 */
export class OrderCompletionTracker {
  readonly orders = new Map<string, TrackedOrder>();
  private readonly pending = new Map<string, TrackedOrder>();
  private cursor?: string;
  observerErrors = 0;
  discovered = 0;

  constructor(
    private readonly api: ConveyorApiClient,
    private readonly tokens: CustomerTokensPool,
    private readonly pagesPerSweep: number,
  ) {}

  add(id: string, createdAt: string): void {
    const order: TrackedOrder = { id, createdAtMs: Date.parse(createdAt), status: 'PENDING' };
    this.orders.set(id, order);
    this.pending.set(id, order);
  }

  get backlog(): number {
    return this.pending.size;
  }

  /** One step of the sweep: up to pagesPerSweep pages. Failures are counted, never thrown. */
  async sweep(): Promise<void> {
    if (this.pending.size === 0) {
      this.cursor = undefined;
      return;
    }
    let floor = Infinity;
    for (const order of this.pending.values()) floor = Math.min(floor, order.createdAtMs);
    for (let page = 0; page < this.pagesPerSweep; page++) {
      if (!(await this.sweepPage(floor))) return;
    }
  }

  /** Reads the next page; false once the sweep reached the oldest moving order, or failed. */
  private async sweepPage(floor: number): Promise<boolean> {
    try {
      const { page } = await this.api.listOrders(this.tokens.observer(), this.cursor);
      if (!page) {
        this.observerErrors++;
        return false;
      }
      for (const item of page.items) this.observe(item);
      const last = page.items.at(-1);
      const done = !page.nextCursor || !last || Date.parse(last.createdAt) < floor;
      this.cursor = done ? undefined : (page.nextCursor ?? undefined);
      return !done;
    } catch {
      this.observerErrors++;
      return false;
    }
  }

  /** The last word on orders the sweep has not seen finish: GET each one (at most `limit`). */
  async lookUpPending(limit: number): Promise<void> {
    const queue = [...this.pending.values()].slice(0, limit);
    const worker = async () => {
      for (let order = queue.shift(); order; order = queue.shift()) {
        try {
          const answer = await this.api.getOrder(this.tokens.observer(), order.id);
          if (answer.status === 404) order.missing = true;
          else if (answer.status === 200) this.observe(answer.body as OrderListItem);
          else this.observerErrors++;
        } catch {
          this.observerErrors++;
        }
      }
    };
    await Promise.all(Array.from({ length: LOOKUP_CONCURRENCY }, worker));
  }

  private observe(item: OrderListItem): void {
    const order = this.pending.get(item.id);
    if (!order) return;
    order.status = item.status;
    if (!TERMINAL_STATUSES.includes(item.status)) return;
    const entry = item.timeline.findLast((step) => step.status === item.status);
    order.terminalAtMs = Date.parse(entry?.at ?? item.createdAt);
    this.pending.delete(item.id);
    this.discovered++;
  }
}
