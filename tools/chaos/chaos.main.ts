import { z } from 'zod';
import { envFields, loadConfig } from '@conveyor/config';
import { repoRoot } from '@conveyor/dev-stack';
import { runCommand } from '../cli/command-line';
import { auditChaosRun } from './chaos.audit';
import { CHAOS_USAGE, parseChaosOptions } from './chaos.options';
import { runChaos } from './chaos.runner';

const chaosEnvSchema = z.object({ DATABASE_URL: envFields.databaseUrl.optional() });

/** `npm run chaos`: kills, outages and Stripe faults under load, then the auditor's verdict. */
async function main(argv: string[]): Promise<void> {
  const options = parseChaosOptions(argv, repoRoot());
  const { DATABASE_URL } = loadConfig(chaosEnvSchema);
  const command = ['npm run chaos', ...(argv.length > 0 ? ['--', ...argv] : [])].join(' ');
  const { report, jsonPath, htmlPath, logPath } = await runChaos({
    ...options,
    command,
    databaseAdminUrl: DATABASE_URL,
    audit: auditChaosRun,
    log: (line) => console.log(`[chaos] ${line}`),
  });
  const k = report.kills;
  const o = report.orders;
  console.log(
    `\nkills ${k.total} (${Object.entries(k.byApp)
      .map(([app, n]) => `${app} ${n}`)
      .join(', ')}; ` +
      `relay mid-publish ${k.relayMidPublish.caught}/${k.relayMidPublish.aimed})\n` +
      `down after kills (s, total/longest): ${Object.entries(k.downByApp)
        .map(([app, down]) => `${app} ${down.totalSeconds}/${down.longestSeconds}`)
        .join(', ')}\n` +
      `orders offered ${o.offered}, accepted ${o.accepted} (skipped ${o.skipped}, given up ` +
      `${o.gaveUp}, ${o.clientRetries} retries), terminal ${JSON.stringify(o.terminalByStatus)}, ` +
      `not terminal ${o.notTerminal}\n` +
      `dead-lettered ${report.deadLettered}, redriven ${report.redriven}, duplicates skipped ` +
      `${report.duplicatesSkipped.total}; settled: ${report.settle.settled ? `${report.settle.seconds} s` : 'no'}`,
  );
  for (const result of report.invariants) {
    console.log(`${result.id} ${result.holds ? 'holds' : 'VIOLATED'}  ${result.title}`);
    for (const line of result.details.slice(0, 5)) console.log(`    ${line}`);
  }
  for (const warning of report.warnings) console.log(`warning: ${warning}`);
  console.log(`report: ${jsonPath}\n        ${htmlPath}\napp logs: ${logPath}`);
  process.exitCode = report.exitCode;
}

runCommand(CHAOS_USAGE, main);
