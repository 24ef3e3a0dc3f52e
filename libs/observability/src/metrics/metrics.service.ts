import { Inject, Injectable } from '@nestjs/common';
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type Metric,
} from 'prom-client';
import { ObservabilityError } from '../observability.error';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from '../observability.options';
import { METRIC_CATALOG } from './metric.catalog';
import type {
  CounterDefinition,
  GaugeDefinition,
  HistogramDefinition,
  MetricDefinition,
} from './metric.definitions';

/** Refreshes a gauge just before a scrape reads it. */
export type GaugeCollect<L extends string> = (gauge: Gauge<L>) => void | Promise<void>;

/**
 * The application's metrics registry. It registers only the definitions of METRIC_CATALOG, and
 * idempotently: the code paths that create a metric (a module per queue, a hook per app) need
 * not coordinate who goes first.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  constructor(@Inject(OBSERVABILITY_OPTIONS) options: ObservabilityOptions) {
    this.registry.setDefaultLabels({ service: options.serviceName });
    collectDefaultMetrics({ register: this.registry });
  }

  counter<L extends string>(definition: CounterDefinition<L>): Counter<L> {
    return this.getOrCreate(definition, Counter<L>, () => new Counter(this.config(definition)));
  }

  /** `collect` runs at every scrape; only the first registration of a gauge may pass one. */
  gauge<L extends string>(definition: GaugeDefinition<L>, collect?: GaugeCollect<L>): Gauge<L> {
    return this.getOrCreate(
      definition,
      Gauge<L>,
      () =>
        new Gauge({
          ...this.config(definition),
          ...(collect && {
            collect() {
              return collect(this);
            },
          }),
        }),
    );
  }

  histogram<L extends string>(definition: HistogramDefinition<L>): Histogram<L> {
    return this.getOrCreate(
      definition,
      Histogram<L>,
      () => new Histogram({ ...this.config(definition), buckets: [...definition.buckets] }),
    );
  }

  private config<L extends string>(definition: MetricDefinition & { labelNames: readonly L[] }) {
    const { name, help, labelNames } = definition;
    return { name, help, labelNames: [...labelNames], registers: [this.registry] };
  }

  private getOrCreate<M extends Metric>(
    definition: MetricDefinition,
    kind: abstract new (...args: never[]) => M,
    create: () => M,
  ): M {
    const { name } = definition;
    if (!METRIC_CATALOG.includes(definition)) {
      throw new ObservabilityError(
        'METRIC.NOT_IN_CATALOG',
        `Metric ${name} is not a definition of METRIC_CATALOG (libs/observability)`,
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
