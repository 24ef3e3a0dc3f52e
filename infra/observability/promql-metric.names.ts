import { parser } from '@prometheus-io/lezer-promql';
import { METRIC_CATALOG, type MetricDefinition } from '@conveyor/observability';

/** Series Prometheus itself writes for every target, which queries may name. */
const PROMETHEUS_SERIES = ['up'];

/** Grafana's interval variables, which are not PromQL, replaced as Grafana would before a query. */
const GRAFANA_VARIABLES: Record<string, string> = {
  $__rate_interval: '1m',
  $__interval: '15s',
  $__range: '1h',
};

/**
 * The metric names a PromQL expression selects; throws where it does not parse. A histogram's
 * series (`_bucket`, `_sum`, `_count`) are named by their family.
 */
export function metricNamesIn(expression: string): string[] {
  const expr = Object.entries(GRAFANA_VARIABLES).reduce(
    (text, [variable, value]) => text.replaceAll(variable, value),
    expression,
  );
  const names = new Set<string>();
  const cursor = parser.parse(expr).cursor();
  do {
    if (cursor.type.isError) {
      throw new Error(`PromQL does not parse at ${cursor.from}: ${expr}`);
    }
    if (cursor.name === 'VectorSelector') {
      const node = cursor.node;
      const identifier = node.getChild('Identifier');
      if (identifier) names.add(expr.slice(identifier.from, identifier.to));
      const nameMatcher = /__name__\s*=\s*"([^"]+)"/.exec(expr.slice(node.from, node.to));
      if (nameMatcher) names.add(nameMatcher[1]);
    }
  } while (cursor.next());
  return [...names];
}

/** The catalog family a series name belongs to, or undefined for a name no app registers. */
export function familyOf(series: string): MetricDefinition | undefined {
  return METRIC_CATALOG.find(
    ({ name, type }) =>
      series === name ||
      (type === 'histogram' && ['_bucket', '_sum', '_count'].some((s) => series === name + s)),
  );
}

/** Names in `expression` that neither an app registers nor Prometheus writes. */
export function unknownMetricsIn(expression: string): string[] {
  return metricNamesIn(expression).filter(
    (name) => !PROMETHEUS_SERIES.includes(name) && familyOf(name) === undefined,
  );
}
