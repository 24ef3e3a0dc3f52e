import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { EntityManager } from 'typeorm';
import type { CancellationReason, OrderLine, ShippingAddress } from '@conveyor/contracts';
import { OrderApiMessaging } from '../../order-api.messaging';
import { METRICS, MetricsService } from '@conveyor/observability';
import { ORDER_API_CONFIG, type OrderApiConfig } from '../../order-api.config';
import { PersonalDataSealer } from '../personal-data/personal-data.sealer';
import {
  IDEMPOTENCY_RETENTION_HOURS,
  IdempotencyKeyStore,
} from '../place-order/idempotency-key.store';

interface StuckOrder {
  id: string;
  customer_id: string;
  payment_method: string;
  total_cents: string;
  currency: string;
  shipping_address: ShippingAddress;
  items: OrderLine[];
  cancellation_requested_at: Date | null;
  cancellation_reason: CancellationReason | null;
}

/** How this process's last reconciler pass ended, for the operations console. */
export interface ReconcilerRun {
  finishedAt: Date;
  resent: number;
  error?: string;
}

/**
 * Finds orders that have not moved for longer than the deadline and re-sends their first request.
 * Every worker answers a request it already decided by re-announcing its decision, so the chain
 * replays up to wherever it stopped: even a message the queue lost does not lose an order. An
 * order is re-sent at most once per deadline, and replicas never pick the same one.
 */
@Injectable()
export class ReconcileOrdersJob implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly found;
  private readonly resent;
  /** This replica's last pass (each replica reconciles on its own timer); null before the first. */
  lastRun: ReconcilerRun | null = null;

  constructor(
    @Inject(ORDER_API_CONFIG) private readonly config: OrderApiConfig,
    private readonly messaging: OrderApiMessaging,
    private readonly keys: IdempotencyKeyStore,
    private readonly sealer: PersonalDataSealer,
    private readonly logger: PinoLogger,
    metrics: MetricsService,
  ) {
    this.found = metrics.gauge(METRICS.reconcilerStuckOrders);
    this.resent = metrics.counter(METRICS.reconcilerResent);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.runOnce()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.warn({ err: error }, 'reconciler run failed'))
        .finally(() => (this.running = undefined));
    }, this.config.reconciler.intervalSeconds * 1000);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns the ids of the orders it re-sent. */
  async runOnce(): Promise<string[]> {
    try {
      const ids = await this.pass();
      this.lastRun = { finishedAt: new Date(), resent: ids.length };
      return ids;
    } catch (error) {
      this.lastRun = { finishedAt: new Date(), resent: 0, error: (error as Error).message };
      throw error;
    }
  }

  private async pass(): Promise<string[]> {
    const ids = await this.messaging.run(async ({ manager, emit }) => {
      const stuck = await findStuck(manager, this.config.reconciler.stuckAfterSeconds);
      for (const order of stuck) {
        // Sealed afresh: a re-sent request is as private as the first, under today's keys.
        await emit('payment.authorization-requested', order.id, {
          customerId: order.customer_id,
          totalCents: Number(order.total_cents),
          currency: order.currency,
          items: order.items,
          ...this.sealer.seal(order.id, {
            shippingAddress: order.shipping_address,
            paymentMethod: order.payment_method,
          }),
        });
        if (order.cancellation_requested_at)
          await emit('shipping.cancellation-requested', order.id, {
            reason: order.cancellation_reason ?? 'CUSTOMER_REQUEST',
          });
      }
      await manager.query(
        `UPDATE orders.orders SET last_reconciled_at = now(), reconcile_count = reconcile_count + 1
         WHERE id = ANY($1::uuid[])`,
        [stuck.map((order) => order.id)],
      );
      return stuck.map((order) => order.id);
    });
    this.found.set(ids.length);
    this.resent.inc(ids.length);
    if (ids.length > 0)
      this.logger.warn({ orderIds: ids }, 're-sent the first request of stuck orders');
    await this.keys.purgeOlderThan(IDEMPOTENCY_RETENTION_HOURS);
    return ids;
  }
}

function findStuck(manager: EntityManager, stuckAfterSeconds: number): Promise<StuckOrder[]> {
  return manager.query<StuckOrder[]>(
    `SELECT o.id, o.customer_id, o.payment_method, o.total_cents, o.currency, o.shipping_address,
            o.cancellation_requested_at, o.cancellation_reason,
            (SELECT json_agg(json_build_object('sku', i.sku, 'quantity', i.quantity) ORDER BY i.sku)
               FROM orders.order_items i WHERE i.order_id = o.id) AS items
     FROM orders.orders o
     WHERE o.status IN ('PENDING', 'PAYMENT_AUTHORIZED', 'INVENTORY_RESERVED')
       AND o.updated_at < now() - make_interval(secs => $1)
       AND (o.last_reconciled_at IS NULL OR o.last_reconciled_at < now() - make_interval(secs => $1))
     ORDER BY o.updated_at LIMIT 100
     FOR UPDATE OF o SKIP LOCKED`,
    [stuckAfterSeconds],
  );
}
