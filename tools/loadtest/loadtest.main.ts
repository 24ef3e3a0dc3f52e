import path from 'node:path';
import { loadConfig, tokenCommandEnvSchema } from '@conveyor/config';
import { localJwtSecret, repoRoot } from '@conveyor/dev-stack';
import { totalSeconds } from './load-profiles.catalog';
import { LoadProgressDisplay, summaryLines } from './load-progress.display';
import { writeReports } from './load-report.writer';
import { runLoadTest } from './load-test.runner';
import { processTrendLines } from './process-trends.report';
import { runCommand } from '../cli/command-line';
import { parseLoadtestFlags, USAGE } from './loadtest.flags';

/**
 * `npm run loadtest -- --profile spike`: drives a running Conveyor (the local stack by default),
 * shows live figures, waits for the backlog, writes reports/<timestamp>-<profile>.json and .html.
 * Exits 1 when an accepted order did not reach a terminal status.
 */
async function main(args: string[]): Promise<void> {
  const cli = parseLoadtestFlags(args);
  const env = loadConfig(tokenCommandEnvSchema);
  const jwtSecret =
    cli.jwtSecret ??
    env.AUTH_JWT_SECRET ??
    localJwtSecret(path.resolve(repoRoot(), env.CONVEYOR_DATA_DIR), false);
  const display = new LoadProgressDisplay(totalSeconds(cli.run.phases));
  console.log(
    `${cli.run.profile}: ${cli.run.phases.map((p) => `${p.name} ${p.ratePerSecond}${p.endRatePerSecond === undefined ? '' : `→${p.endRatePerSecond}`}/s for ${p.durationSeconds} s`).join(', ')} against ${cli.run.baseUrl}`,
  );
  display.start();
  let report;
  try {
    report = await runLoadTest({
      ...cli.run,
      jwtSecret,
      onSample: (sample, totals) => display.update(sample, totals),
    });
  } finally {
    display.stop();
  }
  const written = await writeReports(report, path.resolve(repoRoot(), cli.outDir));
  for (const line of summaryLines(report)) console.log(line);
  for (const line of processTrendLines(report.processes)) console.log(line);
  console.log(`reports: ${written.jsonPath}\n         ${written.htmlPath}`);
  if (!report.accounting.allAccountedFor) process.exitCode = 1;
}

runCommand(USAGE, main);
