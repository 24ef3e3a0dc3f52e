import { repoRoot } from '@conveyor/dev-stack';
import { runCommand } from '../cli/command-line';
import { BENCH_USAGE, parseBenchOptions } from './bench.options';
import { runBenchmark } from './bench.runner';
import { renderCostTable, renderFiguresTable, renderSqsCallsTable } from './bench-table.renderer';
import { resultSections, updatePerformanceDoc, writeBenchReport } from './performance-doc.writer';

/**
 * `npm run bench [-- --duration S --repetitions N --quick ...]`: Conveyor against bare baselines
 * on this machine; prints the table, writes reports/bench-<timestamp>.json and updates
 * docs/performance.md.
 */
async function main(argv: string[]): Promise<void> {
  const options = parseBenchOptions(argv, repoRoot());
  const log = (line: string) => console.log(`[bench] ${line}`);
  const command = ['npm run bench', ...(argv.length > 0 ? ['--', ...argv] : [])].join(' ');
  const report = await runBenchmark(options, command, log);
  const file = writeBenchReport(options.reportsDir, report);
  await updatePerformanceDoc(options.docPath, report, file);
  console.log(
    `\n${renderFiguresTable(report)}\n\n${renderSqsCallsTable(report)}\n\n${renderCostTable(report)}\n`,
  );
  console.log(resultSections(report).join('\n'));
  for (const warning of report.warnings) console.log(`warning: ${warning}`);
  console.log(`report: ${file}\ndocument: ${options.docPath}`);
  process.exitCode = report.accounting.allAccountedFor ? 0 : 1;
}

runCommand(BENCH_USAGE, main);
