import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderHtmlReport } from './html-report.renderer';
import type { LoadReport } from './load-report.types';

export interface WrittenReports {
  jsonPath: string;
  htmlPath: string;
}

/** `<dir>/<timestamp>-<profile>.json` and `.html`; the timestamp is the run's start, file-safe. */
export async function writeReports(report: LoadReport, dir: string): Promise<WrittenReports> {
  await mkdir(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const base = path.join(dir, `${stamp}-${report.profile.replace(/[^A-Za-z0-9_-]/g, '_')}`);
  const jsonPath = `${base}.json`;
  const htmlPath = `${base}.html`;
  await writeFile(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(htmlPath, renderHtmlReport(report));
  return { jsonPath, htmlPath };
}
