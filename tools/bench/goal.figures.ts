import type { Figure, SpikeRun } from './bench-report.types';
import { median, round, spread } from './bench.stats';
import type { FigureRuns } from './bench.figures';
import { compare, type Sample } from './figure.compare';

/** Issue 14's goals that are not a rate against a baseline: CPU, latency, drain and memory. */
export const GOALS = {
  apiRatio: 0.85,
  pipelineRatio: 0.85,
  cpuRatio: 1.2,
  sqsCallsRatio: 1.1,
  spikeP99Ratio: 3,
  drainRatio: 0.9,
  quietP50Ms: 150,
  quietP99Ms: 500,
  residentMB: 200,
} as const;

/** The processes that are Conveyor's apps (the meters also name emulators, PostgreSQL, bench). */
const CONVEYOR_PROCESSES = ['order-api', 'payment-worker', 'inventory-worker', 'shipping-worker'];

export function cpuFigures(runs: FigureRuns): Record<string, Figure> {
  const figures: Record<string, Figure> = {};
  const cpu = <T extends { variant: string; repetition: number; cpuMsPerOrder: number | null }>(
    list: T[],
    variant: string,
  ): Sample[] =>
    list
      .filter((run) => run.variant === variant && run.cpuMsPerOrder !== null)
      .map((run) => ({ repetition: run.repetition, value: run.cpuMsPerOrder! }));
  const atMost = (r: number) => r <= GOALS.cpuRatio;
  const goal = `≤ ${GOALS.cpuRatio}`;
  const api = [cpu(runs.api, 'conveyor'), cpu(runs.api, 'bare')];
  if (api[0].length > 0 && api[1].length > 0) {
    figures.apiCpuPerOrder = compare(api[0], api[1], goal, atMost);
  }
  const pipeline = [cpu(runs.pipeline, 'conveyor'), cpu(runs.pipeline, 'bare')];
  if (pipeline[0].length > 0 && pipeline[1].length > 0) {
    figures.pipelineCpuPerOrder = compare(pipeline[0], pipeline[1], goal, atMost);
  }
  return figures;
}

/**
 * From the spike's quiet stretch (the whole stack at a few orders a second): POST to SHIPPED by
 * the orders' own timelines; and the drain after the spike against the pipeline's own rate.
 */
export function spikeGoalFigures(spike: SpikeRun[], pipelineRate: number): Record<string, Figure> {
  const figures: Record<string, Figure> = {};
  const quiet = (
    pick: (run: SpikeRun) => number | null | undefined,
    goalMs: number,
    key: string,
  ) => {
    const values = spike.map(pick).filter((value): value is number => Number.isFinite(value));
    if (values.length === 0) return;
    const value = round(median(values), 1);
    figures[key] = {
      conveyor: value,
      baseline: null,
      ratio: null,
      goal: `≤ ${goalMs} ms`,
      met: value <= goalMs,
      spread: { conveyor: spread(values, 1), baseline: null, ratio: null },
    };
  };
  quiet((run) => run.quietEndToEndMs?.p50, GOALS.quietP50Ms, 'quietEndToEndP50');
  quiet((run) => run.quietEndToEndMs?.p99, GOALS.quietP99Ms, 'quietEndToEndP99');
  const drains = spike
    .filter((run) => run.drainOrdersPerSecond !== null)
    .map((run) => ({ repetition: run.repetition, value: run.drainOrdersPerSecond! }));
  if (drains.length > 0 && Number.isFinite(pipelineRate)) {
    const rate = drains.map(({ repetition }) => ({ repetition, value: pipelineRate }));
    figures.spikeDrainRate = compare(drains, rate, `≥ ${GOALS.drainRatio}`, (r) => {
      return r >= GOALS.drainRatio;
    });
  }
  return figures;
}

/** The largest resident set any of Conveyor's apps reached in any measured window. */
export function memoryFigure(runs: FigureRuns): Record<string, Figure> {
  const windows = [...runs.api, ...runs.pipeline, ...runs.spike].filter(
    (run) => !('variant' in run) || run.variant.startsWith('conveyor'),
  );
  const peaks = windows.flatMap((run) =>
    Object.entries(run.memory ?? {})
      .filter(([process]) => CONVEYOR_PROCESSES.includes(process))
      .map(([, use]) => use.peakMB),
  );
  if (peaks.length === 0) return {};
  const peak = Math.max(...peaks);
  return {
    residentPeakMB: {
      conveyor: peak,
      baseline: null,
      ratio: null,
      goal: `≤ ${GOALS.residentMB} MB`,
      met: peak <= GOALS.residentMB,
      spread: { conveyor: null, baseline: null, ratio: null },
    },
  };
}
