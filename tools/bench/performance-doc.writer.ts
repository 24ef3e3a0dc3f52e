import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import type { BenchReport } from './bench-report.types';
import {
  renderFloorsTable,
  renderMemoryTable,
  renderPostgresCostTable,
} from './bench-costs.renderer';
import {
  renderCostTable,
  renderFiguresTable,
  renderMachine,
  renderSqsCallsTable,
} from './bench-table.renderer';

export const RESULTS_START = '<!-- bench:results:start -->';
export const RESULTS_END = '<!-- bench:results:end -->';

/**
 * Replaces the generated part of docs/performance.md (between the markers) with this run's
 * figures; the prose around it is written by people and left alone. A missing file, or one
 * without markers, gets a results section appended. The file is written as Prettier formats it,
 * so `npm run lint` stays clean after a run.
 */
export async function updatePerformanceDoc(
  docPath: string,
  report: BenchReport,
  reportFile: string,
): Promise<void> {
  const section = [
    RESULTS_START,
    '',
    `Latest run (report: \`${path.relative(path.dirname(docPath), reportFile)}\`):`,
    '',
    renderMachine(report),
    '',
    renderFiguresTable(report),
    '',
    renderSqsCallsTable(report),
    '',
    renderCostTable(report),
    '',
    ...resultSections(report),
    ...report.warnings.map((warning) => `> ${warning}`),
    RESULTS_END,
  ].join('\n');
  const current = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Performance\n';
  const start = current.indexOf(RESULTS_START);
  const end = current.indexOf(RESULTS_END);
  const next =
    start !== -1 && end > start
      ? `${current.slice(0, start)}${section}${current.slice(end + RESULTS_END.length)}`
      : `${current.trimEnd()}\n\n## Results\n\n${section}\n`;
  mkdirSync(path.dirname(docPath), { recursive: true });
  const style = (await resolveConfig(docPath)) ?? {};
  writeFileSync(docPath, await format(next, { ...style, filepath: docPath }));
}

/** The floors, PostgreSQL's cost per order and resident memory, each under its heading when measured. */
export function resultSections(report: BenchReport): string[] {
  const sections: [string, string][] = [
    ['Floors', renderFloorsTable(report)],
    ['PostgreSQL per order', renderPostgresCostTable(report)],
    ['Resident memory under load', renderMemoryTable(report)],
  ];
  return sections.flatMap(([title, table]) => (table ? [`### ${title}`, '', table, ''] : []));
}

/** reports/bench-<timestamp>.json; returns the file written. */
export function writeBenchReport(reportsDir: string, report: BenchReport): string {
  mkdirSync(reportsDir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const file = path.join(reportsDir, `bench-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
