import { Inject, Injectable } from '@nestjs/common';
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
  type Metric,
} from 'prom-client';
import { ObservabilityError } from '../observability.error';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from '../observability.options';

/** The registry is the service's own, so the caller never names it. */
type MetricConfig<C> = Omit<C, 'registers'>;

const METRIC_PREFIX = 'conveyor_';

/**
 * The application's metrics registry. The metric helpers are idempotent: the code paths that
 * create a metric (a module per queue, a hook per app) need not coordinate who goes first.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  constructor(@Inject(OBSERVABILITY_OPTIONS) options: ObservabilityOptions) {
    this.registry.setDefaultLabels({ service: options.serviceName });
    collectDefaultMetrics({ register: this.registry });
  }

  counter<T extends string>(config: MetricConfig<CounterConfiguration<T>>): Counter<T> {
    return this.getOrCreate(config.name, Counter<T>, () => new Counter(this.registered(config)));
  }

  gauge<T extends string>(config: MetricConfig<GaugeConfiguration<T>>): Gauge<T> {
    return this.getOrCreate(config.name, Gauge<T>, () => new Gauge(this.registered(config)));
  }

  histogram<T extends string>(config: MetricConfig<HistogramConfiguration<T>>): Histogram<T> {
    return this.getOrCreate(
      config.name,
      Histogram<T>,
      () => new Histogram(this.registered(config)),
    );
  }

  private registered<C extends object>(config: C): C & { registers: Registry[] } {
    return { ...config, registers: [this.registry] };
  }

  private getOrCreate<M extends Metric>(
    name: string,
    kind: abstract new (...args: never[]) => M,
    create: () => M,
  ): M {
    if (!name.startsWith(METRIC_PREFIX)) {
      throw new ObservabilityError(
        'METRIC.NAME_INVALID',
        `Metric ${name} must be named ${METRIC_PREFIX}*`,
      );
    }
    const existing = this.registry.getSingleMetric(name);
    if (existing === undefined) return create();
    if (existing instanceof kind) return existing;
    throw new ObservabilityError(
      'METRIC.TYPE_CONFLICT',
      `Metric ${name} is already registered as another metric type`,
    );
  }
}
