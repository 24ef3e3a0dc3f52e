import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@conveyor/dev-stack';
import { alertRules, OBSERVABILITY_DIR, readObservabilityYaml } from './observability-files';
import { unknownMetricsIn } from './promql-metric.names';

interface RuleTests {
  tests: { alert_rule_test: { alertname: string; exp_alerts: unknown[] }[] }[];
}

/** Runs promtool in infra/observability/prometheus; refuses to skip when it is missing. */
function promtool(...args: string[]): { status: number | null; output: string } {
  const result = spawnSync('promtool', args, {
    cwd: path.join(OBSERVABILITY_DIR, 'prometheus'),
    encoding: 'utf8',
  });
  if (result.error) {
    throw new Error(
      `promtool is not installed (${result.error.message}): apt-get install prometheus`,
    );
  }
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('Prometheus alerting rules (infra/observability/prometheus)', () => {
  it('pass promtool check rules, and the scrape config passes promtool check config', () => {
    expect(promtool('check', 'rules', 'alerts.yml')).toMatchObject({ status: 0 });
    expect(promtool('check', 'config', 'prometheus.yml')).toMatchObject({ status: 0 });
  });

  it('pass their promtool unit tests (alerts.test.yml)', () => {
    const run = promtool('test', 'rules', 'alerts.test.yml');
    expect({ status: run.status, output: run.output }).toEqual({
      status: 0,
      output: expect.stringContaining('SUCCESS'),
    });
  });

  it('each have a unit test where they fire and one where they stay quiet', () => {
    const tests = readObservabilityYaml<RuleTests>('prometheus/alerts.test.yml').tests.flatMap(
      (test) => test.alert_rule_test,
    );
    for (const { alert } of alertRules()) {
      const own = tests.filter((test) => test.alertname === alert);
      expect({ alert, fires: own.some((test) => test.exp_alerts.length > 0) }).toEqual({
        alert,
        fires: true,
      });
      expect({ alert, quiet: own.some((test) => test.exp_alerts.length === 0) }).toEqual({
        alert,
        quiet: true,
      });
    }
  });

  it('name only metrics the apps register, and have a section in docs/operations.md', () => {
    const docs = readFileSync(path.join(repoRoot(), 'docs/operations.md'), 'utf8');
    for (const { alert, expr, annotations } of alertRules()) {
      expect({ alert, unknown: unknownMetricsIn(expr) }).toEqual({ alert, unknown: [] });
      expect(docs).toContain(`### ${alert}`);
      expect(annotations?.runbook).toBe(`docs/operations.md#${alert.toLowerCase()}`);
    }
  });
});
