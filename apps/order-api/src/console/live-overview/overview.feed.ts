import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { QUEUE_NAMES } from '@conveyor/contracts';
import { MetricsService } from '@conveyor/observability';
import { ORDER_API_CONFIG, type OrderApiConfig } from '../../order-api.config';
import { ReconcileOrdersJob } from '../../orders/reconcile-orders/reconcile-orders.job';
import { OverviewHistory } from './overview.history';
import { toSnapshot, type OverviewSnapshot, type RawSample } from './overview.snapshot';
import { readOrdersByStatus, readOutbox, readQueueMetrics } from './overview.sources';

export const SAMPLE_INTERVAL_MS = 2000;
/** Five minutes of samples for the sparklines. */
const HISTORY_LENGTH = 150;

export type OverviewListener = (snapshot: OverviewSnapshot, history: OverviewHistory) => void;

/**
 * The one sampler of this process: however many consoles are open, the sources are read once
 * every two seconds, and only while at least one is open (nobody watching costs nothing). The
 * history outlives the viewers, so a console opened again shows the minutes it already has.
 */
@Injectable()
export class OverviewFeed implements OnModuleDestroy {
  readonly history = new OverviewHistory(HISTORY_LENGTH);
  /** Each listener with what ends its stream when the process shuts down. */
  private readonly listeners = new Map<OverviewListener, () => void>();
  /** The last minute of raw samples whose orders count succeeded, oldest first. */
  private readonly recent: RawSample[] = [];
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(ORDER_API_CONFIG) private readonly config: OrderApiConfig,
    private readonly dataSource: DataSource,
    private readonly reconciler: ReconcileOrdersJob,
    private readonly metrics: MetricsService,
    private readonly logger: PinoLogger,
  ) {}

  /**
   * Starts sampling with the first listener; the returned function unsubscribes. `close` ends the
   * listener's stream at shutdown: an open event stream would otherwise keep the server from
   * closing.
   */
  subscribe(listener: OverviewListener, close: () => void): () => void {
    this.listeners.set(listener, close);
    if (!this.timer) {
      this.tick();
      this.timer = setInterval(() => this.tick(), SAMPLE_INTERVAL_MS);
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopTimer();
    };
  }

  get viewers(): number {
    return this.listeners.size;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopTimer();
    for (const close of [...this.listeners.values()]) close();
    this.listeners.clear();
    await this.running;
  }

  /** One pass over every source; a source that fails is named and the others still show. */
  async sampleOnce(): Promise<OverviewSnapshot> {
    const errors: string[] = [];
    const attempt = async <T>(source: string, read: () => Promise<T>, fallback: T) =>
      read().catch((error: unknown) => {
        errors.push(`${source}: ${(error as Error).message}`);
        return fallback;
      });
    const [ordersByStatus, queueMetrics, outbox] = await Promise.all([
      attempt('orders', () => readOrdersByStatus(this.dataSource), {}),
      readQueueMetrics(
        () => this.metrics.registry.metrics(),
        this.config.console.metricsUrls,
        errors,
      ),
      attempt('outbox', () => readOutbox(this.dataSource), { rows: 0, oldestAgeSeconds: 0 }),
    ]);
    const current: RawSample = {
      at: Date.now(),
      ordersByStatus,
      queues: queueMetrics.counts,
      waits: queueMetrics.waits,
      outbox,
      reconciler: this.reconciler.lastRun,
    };
    const minuteAgo = this.recent.find((sample) => current.at - sample.at <= 60_000);
    const samples = { previous: this.recent.at(-1), minuteAgo };
    const snapshot = toSnapshot(QUEUE_NAMES, samples, current, errors);
    if (errors.length > 0) this.logger.warn({ errors }, 'console overview: some sources failed');
    // A failed orders count would read as a drop to zero: keep the last good totals for rates.
    if (!errors.some((error) => error.startsWith('orders:'))) this.remember(current);
    this.history.push(snapshot);
    return snapshot;
  }

  private remember(sample: RawSample): void {
    this.recent.push(sample);
    while (this.recent.length > 0 && sample.at - this.recent[0].at > 60_000) this.recent.shift();
  }

  private tick(): void {
    this.running ??= this.sampleOnce()
      .then((snapshot) => {
        for (const listener of this.listeners.keys()) listener(snapshot, this.history);
      })
      .catch((error: unknown) => this.logger.warn({ err: error }, 'console overview failed'))
      .finally(() => (this.running = undefined));
  }

  private stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
