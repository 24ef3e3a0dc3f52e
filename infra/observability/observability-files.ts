import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '@conveyor/dev-stack';

export const OBSERVABILITY_DIR = path.join(repoRoot(), 'infra/observability');

export function readObservabilityFile(relative: string): string {
  return readFileSync(path.join(OBSERVABILITY_DIR, relative), 'utf8');
}

export function readObservabilityYaml<T>(relative: string): T {
  return parse(readObservabilityFile(relative)) as T;
}

export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** Every alerting rule of prometheus/alerts.yml. */
export function alertRules(): AlertRule[] {
  const file = readObservabilityYaml<{ groups: { rules: AlertRule[] }[] }>('prometheus/alerts.yml');
  return file.groups.flatMap((group) => group.rules);
}
