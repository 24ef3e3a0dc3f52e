import { readdirSync } from 'node:fs';
import path from 'node:path';
import { METRIC_CATALOG } from '@conveyor/observability';
import {
  alertRules,
  OBSERVABILITY_DIR,
  readObservabilityFile,
  readObservabilityYaml,
} from './observability-files';
import { familyOf, metricNamesIn, unknownMetricsIn } from './promql-metric.names';

interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { uid: string };
  gridPos: { x: number; w: number };
  targets?: { expr: string; datasource?: { uid: string } }[];
  panels?: Panel[];
}

const DASHBOARD_DIR = path.join(OBSERVABILITY_DIR, 'grafana/dashboards');
const dashboards = readdirSync(DASHBOARD_DIR)
  .filter((file) => file.endsWith('.json'))
  .map(
    (file) =>
      [file, JSON.parse(readObservabilityFile(`grafana/dashboards/${file}`))] as [
        string,
        { uid: string; panels: Panel[] },
      ],
  );

const panelsOf = (panels: Panel[]): Panel[] =>
  panels.flatMap((panel) => [panel, ...panelsOf(panel.panels ?? [])]);
const queries = () =>
  dashboards.flatMap(([file, dashboard]) =>
    panelsOf(dashboard.panels).flatMap((panel) =>
      (panel.targets ?? []).map((target) => ({ file, panel: panel.title, ...target })),
    ),
  );

describe('Grafana dashboards (infra/observability/grafana)', () => {
  it('exist, with unique uids and panel ids, laid out on the 24-column grid', () => {
    expect(dashboards.length).toBeGreaterThan(0);
    expect(new Set(dashboards.map(([, d]) => d.uid)).size).toBe(dashboards.length);
    for (const [, dashboard] of dashboards) {
      const panels = panelsOf(dashboard.panels);
      expect(new Set(panels.map((panel) => panel.id)).size).toBe(panels.length);
      for (const { gridPos } of panels) expect(gridPos.x + gridPos.w).toBeLessThanOrEqual(24);
    }
  });

  it('parse every query as PromQL, and name only metrics the apps register', () => {
    expect(queries().length).toBeGreaterThan(10);
    for (const { panel, expr } of queries()) {
      expect({ panel, names: metricNamesIn(expr).length > 0 }).toEqual({ panel, names: true });
      expect({ panel, unknown: unknownMetricsIn(expr) }).toEqual({ panel, unknown: [] });
    }
  });

  it('has a check that can fail: a broken query and a made-up metric are caught', () => {
    expect(() => metricNamesIn('sum(rate(conveyor_orders_placed_total[5m])')).toThrow(/parse/);
    expect(unknownMetricsIn('rate(conveyor_orders_placed_totl[$__rate_interval])')).toEqual([
      'conveyor_orders_placed_totl',
    ]);
    expect(unknownMetricsIn('{__name__="conveyor_nope"}')).toEqual(['conveyor_nope']);
    expect(unknownMetricsIn('conveyor_messages_handled_seconds_bucket')).toEqual([]);
  });

  it('query the provisioned Prometheus data source', () => {
    const { datasources } = readObservabilityYaml<{ datasources: { uid: string }[] }>(
      'grafana/provisioning/datasources/prometheus.yml',
    );
    const uids = datasources.map((source) => source.uid);
    for (const [, dashboard] of dashboards) {
      for (const panel of panelsOf(dashboard.panels).filter((p) => p.type !== 'row')) {
        expect(uids).toContain(panel.datasource?.uid);
        for (const target of panel.targets ?? []) expect(uids).toContain(target.datasource?.uid);
      }
    }
  });

  it('together with the alerts, put every metric of the catalog to use', () => {
    const used = new Set(
      [...queries().map((query) => query.expr), ...alertRules().map((rule) => rule.expr)]
        .flatMap(metricNamesIn)
        .map((name) => familyOf(name)?.name),
    );
    const unused = METRIC_CATALOG.map((metric) => metric.name).filter((name) => !used.has(name));
    expect(unused).toEqual([]);
  });
});
