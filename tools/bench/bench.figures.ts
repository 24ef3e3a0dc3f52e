import type {
  ApiFloorRun,
  ApiRun,
  Figure,
  PipelineRun,
  PipelineVariant,
  SpikeRun,
} from './bench-report.types';
import { median, ratio, round, spread } from './bench.stats';
import { compare, type Sample } from './figure.compare';
import { cpuFigures, GOALS, memoryFigure, spikeGoalFigures } from './goal.figures';
import type { FloorRow } from './floors.figures';
import { MINIMUM_CALLS_PER_ORDER } from './sqs-calls.per-order';

export interface FigureRuns {
  api: ApiRun[];
  pipeline: PipelineRun[];
  spike: SpikeRun[];
  apiFloors: ApiFloorRun[];
  floors: FloorRow[];
}

/** The table's rows: medians over the valid repetitions, and each ratio against its goal. */
export function computeFigures(runs: FigureRuns): Record<string, Figure> {
  const { api, pipeline, spike } = runs;
  const figures: Record<string, Figure> = {};
  const apiOf = (variant: string) =>
    samples(
      api.filter((run) => run.variant === variant),
      (run) => run.acceptedPerSecond,
    );
  const pipeOf = (variant: PipelineVariant) =>
    samples(
      pipeline.filter((run) => run.variant === variant),
      (run) => run.ordersPerSecond,
    );
  if (api.length > 0) {
    figures.api = compare(apiOf('conveyor'), apiOf('bare'), `≥ ${GOALS.apiRatio}`, (r) => {
      return r >= GOALS.apiRatio;
    });
    Object.assign(figures, apiFloorFigures(runs, apiOf('conveyor')));
  }
  if (pipeline.length > 0) {
    figures.pipeline = compare(
      pipeOf('conveyor'),
      pipeOf('bare'),
      `≥ ${GOALS.pipelineRatio}`,
      (r) => {
        return r >= GOALS.pipelineRatio;
      },
    );
    const calls = samples(
      pipeline.filter((run) => run.variant === 'conveyor'),
      (run) => run.sqsCallsPerOrder,
    );
    const minimum = calls.map(({ repetition }) => ({ repetition, value: MINIMUM_CALLS_PER_ORDER }));
    figures.sqsCallsPerOrder = compare(
      calls,
      minimum,
      `≤ ${GOALS.sqsCallsRatio} × minimum`,
      (r) => {
        return r <= GOALS.sqsCallsRatio;
      },
    );
    figures.fifoVersusStandard = compare(
      pipeOf('conveyor-fifo'),
      pipeOf('conveyor'),
      'reported',
      () => null,
    );
    const floor = runs.floors.find((row) => row.floor === 'pipeline')?.ordersPerSecond;
    if (floor) {
      figures.pipelineVsFloor = compareToFloor(pipeOf('conveyor'), floor.median, 'reported', null);
    }
  }
  if (spike.length > 0) {
    Object.assign(figures, spikeFigures(spike));
    const sustained = median(pipeOf('conveyor').map((sample) => sample.value));
    Object.assign(figures, spikeGoalFigures(spike, sustained));
  }
  Object.assign(figures, cpuFigures(runs), memoryFigure(runs));
  return figures;
}

/** Conveyor's API against the pgbench and one-round-trip floors, rate and PostgreSQL CPU. */
function apiFloorFigures(runs: FigureRuns, conveyor: Sample[]): Record<string, Figure> {
  const figures: Record<string, Figure> = {};
  const floorOf = (floor: string) =>
    samples(
      runs.apiFloors.filter((run) => run.floor === floor),
      (run) => run.transactionsPerSecond,
    );
  const pgbench = floorOf('pgbench');
  if (pgbench.length > 0) {
    figures.apiVsPgbench = compare(conveyor, pgbench, '≥ 0.35', (r) => r >= 0.35);
    const cpu = samples(
      runs.api.filter((run) => run.variant === 'conveyor'),
      (run) => run.postgres?.cpuMsPerOrder ?? Number.NaN,
    );
    const floorCpu = samples(
      runs.apiFloors.filter((run) => run.floor === 'pgbench'),
      (run) => run.postgres?.cpuMsPerOrder ?? Number.NaN,
    );
    figures.apiPostgresCpu = compare(cpu, floorCpu, '≤ 1.5', (r) => r <= 1.5, 3);
  }
  const pg = floorOf('pg-one-round-trip');
  if (pg.length > 0) figures.apiVsPgOneRoundTrip = compare(conveyor, pg, 'reported', () => null);
  return figures;
}

function spikeFigures(spike: SpikeRun[]): Record<string, Figure> {
  const quiet = spike.map((run) => ({ repetition: run.repetition, value: run.baselineP99Ms }));
  const peak = spike.map((run) => ({ repetition: run.repetition, value: run.spikeP99Ms }));
  const clean = spike.every((run) => run.serverErrors === 0);
  // The median of each repetition's own ratio: a repetition's quiet and spike share its hour.
  const limit = GOALS.spikeP99Ratio;
  const spikeP99 = compare(peak, quiet, `≤ ${limit}, no 5xx`, (r) => r <= limit && clean);
  const ratios = spread(spike.map((run) => run.p99Ratio));
  spikeP99.ratio = ratios ? ratios.median : null;
  spikeP99.met = ratios ? ratios.median <= limit && clean : null;
  const drains = spike.map((run) => run.drainSeconds ?? Number.NaN);
  const spikeDrainSeconds: Figure = {
    conveyor: round(median(drains), 1),
    baseline: null,
    ratio: null,
    goal: 'backlog grows, then drains',
    met: spike.every((run) => run.backlogGrewAndDrained),
    spread: { conveyor: spread(drains, 1), baseline: null, ratio: null },
  };
  return { spikeP99, spikeDrainSeconds };
}

function samples<T extends { repetition: number }>(runs: T[], value: (run: T) => number): Sample[] {
  return runs.map((run) => ({ repetition: run.repetition, value: value(run) }));
}

function compareToFloor(conveyor: Sample[], floor: number, goal: string, met: boolean | null) {
  const figure = compare(conveyor, [{ repetition: 0, value: floor }], goal, () => met);
  figure.spread.ratio = spread(conveyor.map((sample) => ratio(sample.value, floor)));
  return figure;
}
