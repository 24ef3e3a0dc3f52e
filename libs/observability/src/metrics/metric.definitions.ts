/** One Prometheus metric family as the apps register it: its name, meaning and label names. */
interface MetricDefinitionBase<L extends string> {
  name: `conveyor_${string}`;
  help: string;
  labelNames: readonly L[];
}

export interface CounterDefinition<L extends string = string> extends MetricDefinitionBase<L> {
  type: 'counter';
}

export interface GaugeDefinition<L extends string = string> extends MetricDefinitionBase<L> {
  type: 'gauge';
}

export interface HistogramDefinition<L extends string = string> extends MetricDefinitionBase<L> {
  type: 'histogram';
  buckets: readonly number[];
}

export type MetricDefinition = CounterDefinition | GaugeDefinition | HistogramDefinition;

export function counter<L extends string = never>(
  definition: Omit<CounterDefinition<L>, 'type'>,
): CounterDefinition<L> {
  return { type: 'counter', ...definition };
}

export function gauge<L extends string = never>(
  definition: Omit<GaugeDefinition<L>, 'type'>,
): GaugeDefinition<L> {
  return { type: 'gauge', ...definition };
}

export function histogram<L extends string = never>(
  definition: Omit<HistogramDefinition<L>, 'type'>,
): HistogramDefinition<L> {
  return { type: 'histogram', ...definition };
}
