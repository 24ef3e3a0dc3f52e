import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { CONVEYOR_APPS, repoRoot } from '@conveyor/dev-stack';
import { loadAverage, quietCheck } from '../bench/bench-report.builder';
import { runCommand } from '../cli/command-line';
import type { LoadReport } from '../loadtest/load-report.types';
import { analyseAppProfile } from './app-profile.analyser';
import { PROFILE_USAGE, parseProfileOptions } from './profile.options';
import { renderProfileSummary, type AppProfileSummary } from './profile-summary.writer';
import { runProfiledStack } from './profiled-stack.runner';

/**
 * `npm run profile [-- --duration S --rate R --out DIR --keep-raw]`: a CPU flame graph per app
 * under a steady load, and a summary of where the time goes, for docs/performance.md.
 */
async function main(argv: string[]): Promise<void> {
  const root = repoRoot();
  const options = parseProfileOptions(argv, root);
  const log = (line: string) => console.log(`[profile] ${line}`);
  const command = ['npm run profile', ...(argv.length > 0 ? ['--', ...argv] : [])].join(' ');
  const startedAt = new Date().toISOString();
  const quiet = quietCheck(loadAverage());
  const run = await runProfiledStack(options, log);
  mkdirSync(options.outDir, { recursive: true });
  const warnings = loadWarnings(run.load, run.leftovers !== null);
  if (!quiet.quiet) {
    warnings.unshift(
      `the machine was busy at the start (load average ${quiet.loadAverage1} over ` +
        `${cpus().length} cores): profiled ms include waits for a core; compare with process CPU`,
    );
  }
  const summaries: AppProfileSummary[] = [];
  for (const app of CONVEYOR_APPS) {
    const file = run.profiles[app];
    const analysed = analyseAppProfile(app, file, { root, window: run.window });
    writeFileSync(path.join(options.outDir, `${app}.svg`), analysed.svg);
    if (options.keepRaw) copyFileSync(file, path.join(options.outDir, `${app}.cpuprofile`));
    if (analysed.warning) warnings.push(analysed.warning);
    summaries.push({ ...analysed.summary, processCpuMs: run.processCpuMs[app] });
  }
  rmSync(run.rawDir, { recursive: true, force: true });
  const summary = renderProfileSummary(
    {
      command,
      startedAt,
      node: process.version,
      machine: `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
      load: describeLoad(run.load, options),
      warnings,
    },
    summaries,
  );
  writeFileSync(path.join(options.outDir, 'summary.md'), summary);
  for (const app of summaries) printHeadline(app);
  for (const warning of warnings) console.log(`warning: ${warning}`);
  const written = ['summary.md', ...CONVEYOR_APPS.map((app) => `${app}.svg`)];
  if (options.keepRaw) written.push(...CONVEYOR_APPS.map((app) => `${app}.cpuprofile`));
  const relative = path.relative(process.cwd(), options.outDir);
  const where = relative.startsWith('..') ? options.outDir : relative || '.';
  console.log(`written to ${where}: ${written.join(', ')}`);
}

function describeLoad(
  load: LoadReport,
  options: { durationSeconds: number; ratePerSecond: number },
) {
  const s = load.summary;
  const drain = s.drainSeconds === null ? 'did not drain' : `drained in ${s.drainSeconds} s`;
  const p50 = s.apiLatencyMs ? `, API p50 ${s.apiLatencyMs.p50} ms` : '';
  return (
    `${options.ratePerSecond} orders/s for ${options.durationSeconds} s (load kit, steady): ` +
    `${s.requestsSent} sent, ${s.accepted} accepted${p50}; ${drain}`
  );
}

function loadWarnings(load: LoadReport, leftovers: boolean): string[] {
  const warnings = [...load.warnings];
  if (load.summary.accepted < load.summary.requestsSent) {
    warnings.push(`${load.summary.requestsSent - load.summary.accepted} orders were not accepted`);
  }
  if (leftovers) warnings.push('queues or outboxes still held work when the apps were stopped');
  return warnings;
}

function printHeadline(app: AppProfileSummary): void {
  const top = app.areas
    .slice(0, 4)
    .map((area) => `${area.area} ${(area.share * 100).toFixed(0)}%`)
    .join(', ');
  const cpu = app.processCpuMs === undefined ? '' : ` (process CPU ${app.processCpuMs} ms)`;
  console.log(`${app.app}: ${(app.cpuUs / 1000).toFixed(0)} ms profiled${cpu}; ${top}`);
}

runCommand(PROFILE_USAGE, main);
