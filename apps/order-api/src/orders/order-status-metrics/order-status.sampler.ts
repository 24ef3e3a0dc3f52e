import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { METRICS, MetricsService } from '@conveyor/observability';
import { ORDER_API_CONFIG, type OrderApiConfig } from '../../order-api.config';
import { ORDER_STATUSES } from '../domain/order-status';

/**
 * Counts orders by status into `conveyor_orders` every ORDER_METRICS_INTERVAL_SECONDS, off the
 * scrape path: a slow or failed count (counted, logged) keeps the last values and never fails
 * /metrics. Every replica reports the same counts; dashboards take the max.
 */
@Injectable()
export class OrderStatusSampler implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly orders;
  private readonly errors;

  constructor(
    @Inject(ORDER_API_CONFIG) private readonly config: OrderApiConfig,
    private readonly dataSource: DataSource,
    private readonly logger: PinoLogger,
    metrics: MetricsService,
  ) {
    this.orders = metrics.gauge(METRICS.orders);
    this.errors = metrics.counter(METRICS.sampleErrors);
  }

  onApplicationBootstrap(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.config.orderMetricsIntervalSeconds * 1000);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async sampleOnce(): Promise<void> {
    try {
      const rows = await this.dataSource.query<{ status: string; count: string }[]>(
        `SELECT status, count(*) AS count FROM orders.orders GROUP BY status`,
      );
      const counts = new Map(rows.map((row) => [row.status, Number(row.count)]));
      for (const status of ORDER_STATUSES) this.orders.set({ status }, counts.get(status) ?? 0);
    } catch (err) {
      this.errors.inc({ sampler: 'orders-by-status' });
      this.logger.warn({ err }, 'could not count orders by status for /metrics');
    }
  }

  private tick(): void {
    this.running ??= this.sampleOnce().finally(() => (this.running = undefined));
  }
}
