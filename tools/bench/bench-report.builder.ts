import { cpus, loadavg, totalmem } from 'node:os';
import { computeFigures } from './bench.figures';
import { sqsCallsSummary } from './sqs-calls.per-order';
import type { BenchOptions } from './bench.options';
import type {
  ApiFloor,
  ApiFloorRun,
  ApiRun,
  BenchReport,
  PipelineRun,
  QuietCheck,
  SpikeRun,
  SqsFloorRun,
} from './bench-report.types';
import { round } from './bench.stats';
import { floorRows } from './floors.figures';
import { aboveLimit, RSS_LIMIT_MB } from './process-memory.sampler';

/** Load average per core above which the machine does not count as quiet. */
export const QUIET_LOAD_PER_CORE = 0.5;
/** Cores busy outside the benchmark's processes beyond which a window counts as shared. */
const FOREIGN_CORES = 0.3;

export interface BenchRuns {
  api: ApiRun[];
  pipeline: PipelineRun[];
  spike: SpikeRun[];
  apiFloors: ApiFloorRun[];
  sqsFloors: SqsFloorRun[];
  /** Why an API floor did not run. */
  unavailable: Partial<Record<ApiFloor, string>>;
  order: BenchReport['order'];
  warnings: string[];
}

export function loadAverage(): number[] {
  return loadavg().map((value) => round(value, 2));
}

/** The 1- and 5-minute load averages per core against the quiet threshold. */
export function quietCheck(load: number[], cores = cpus().length): QuietCheck {
  const perCore1 = round(load[0] / cores, 2);
  const perCore5 = round(load[1] / cores, 2);
  return {
    loadAverage1: load[0],
    loadAverage5: load[1],
    perCore1,
    perCore5,
    thresholdPerCore: QUIET_LOAD_PER_CORE,
    quiet: perCore1 <= QUIET_LOAD_PER_CORE && perCore5 <= QUIET_LOAD_PER_CORE,
  };
}

/** The JSON report: settings, machine, backing services, every run, the figures and warnings. */
export function buildBenchReport(input: {
  options: BenchOptions;
  command: string;
  startedAt: string;
  loadAverageAtStart: number[];
  backingServices: BenchReport['backingServices'];
  runs: BenchRuns;
}): BenchReport {
  const { api, pipeline, spike, apiFloors, sqsFloors } = input.runs;
  const valid = <T extends { valid: boolean }>(list: T[]) => list.filter((run) => run.valid);
  const phases = {
    api: input.options.phases.includes('api') && input.options.floors,
    pipeline: input.options.phases.includes('pipeline') && input.options.floors,
  };
  const floors = floorRows({
    api: valid(api),
    pipeline: valid(pipeline),
    apiFloors,
    sqsFloors,
    unavailable: input.runs.unavailable,
    phases,
  });
  const report: BenchReport = {
    version: 2,
    startedAt: input.startedAt,
    finishedAt: new Date().toISOString(),
    command: input.command,
    settings: { ...input.options, reportsDir: undefined, docPath: undefined },
    machine: machine(input.loadAverageAtStart),
    backingServices: input.backingServices,
    order: input.runs.order,
    figures: computeFigures({
      api: valid(api),
      pipeline: valid(pipeline),
      spike: valid(spike),
      apiFloors,
      floors,
    }),
    api,
    pipeline,
    floors: { api: apiFloors, sqs: sqsFloors, rows: floors },
    sqsCalls: sqsCallsSummary(valid(pipeline)),
    spike,
    accounting: accountingOf(input.runs),
    warnings: input.runs.warnings,
  };
  report.warnings.push(...machineWarnings(report), ...runWarnings(report));
  return report;
}

function machine(loadAverageAtStart: number[]): BenchReport['machine'] {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart,
    loadAverageAtEnd: loadAverage(),
    quiet: quietCheck(loadAverageAtStart),
  };
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
  const quiet = report.machine.quiet;
  if (!quiet.quiet) {
    warnings.push(
      `The machine was not quiet at start (load average per core ${quiet.perCore1} over 1 min, ` +
        `${quiet.perCore5} over 5 min; quiet is at most ${quiet.thresholdPerCore}): ` +
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

/** Repetitions left out for leftovers, and processes above the memory limit. */
function runWarnings(report: BenchReport): string[] {
  const warnings: string[] = [];
  for (const { name, run } of namedRuns(report)) {
    if (!run.valid) {
      const left = run.leftovers;
      warnings.push(
        `${name} left ${left?.messages ?? '?'} messages and ${left?.outboxRows ?? '?'} outbox rows ` +
          'behind at its deadline: it is left out of the figures.',
      );
    }
    const heavy = aboveLimit(run.memory);
    if (heavy.length > 0) {
      warnings.push(`${name}: resident memory above ${RSS_LIMIT_MB} MB: ${heavy.join(', ')}.`);
    }
  }
  return warnings;
}

function namedRuns(report: BenchReport) {
  return [
    ...report.api.map((run) => ({ name: `api ${run.variant} #${run.repetition}`, run })),
    ...report.pipeline.map((run) => ({ name: `pipeline ${run.variant} #${run.repetition}`, run })),
    ...report.spike.map((run) => ({ name: `spike #${run.repetition}`, run })),
  ];
}

/** Windows in which the machine was busier than the benchmark's processes account for. */
function sharedWindows(report: BenchReport): { name: string; foreign: number }[] {
  const windows = [
    ...namedRuns(report).map(({ name, run }) => ({ name, cpu: run.cpu })),
    ...report.floors.api.map((run) => ({
      name: `floor ${run.floor} #${run.repetition}`,
      cpu: run.cpu,
    })),
    ...report.floors.sqs.map((run) => ({ name: `floor sqs #${run.repetition}`, cpu: run.cpu })),
  ];
  return windows.flatMap(({ name, cpu }) => {
    const foreign = cpu ? round(cpu.machineBusyCores - cpu.trackedCores, 2) : 0;
    return foreign > FOREIGN_CORES ? [{ name, foreign }] : [];
  });
}
