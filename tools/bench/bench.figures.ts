import type {
  ApiRun,
  BenchReport,
  Figure,
  PipelineRun,
  PipelineVariant,
  SpikeRun,
} from './bench-report.types';
import { median, ratio, round } from './bench.stats';
import {
  addCounts,
  callsPerOrder,
  MINIMUM_CALLS_PER_ORDER,
  totalPerOrder,
} from './sqs-calls.per-order';

/** The table's rows: medians over repetitions, and each ratio against its goal. */
export function computeFigures(api: ApiRun[], pipeline: PipelineRun[], spike: SpikeRun[]) {
  const figures: Record<string, Figure> = {};
  const apiOf = (variant: string) =>
    median(api.filter((run) => run.variant === variant).map((run) => run.acceptedPerSecond));
  const pipeOf = (variant: PipelineVariant) =>
    median(pipeline.filter((run) => run.variant === variant).map((run) => run.ordersPerSecond));
  if (api.length > 0)
    figures.api = compare(apiOf('conveyor'), apiOf('bare'), '≥ 0.5', (r) => r >= 0.5);
  if (pipeline.length > 0) {
    figures.pipeline = compare(pipeOf('conveyor'), pipeOf('bare'), '≥ 0.5', (r) => r >= 0.5);
    const calls = median(
      pipeline.filter((run) => run.variant === 'conveyor').map((run) => run.sqsCallsPerOrder),
    );
    figures.sqsCallsPerOrder = compare(
      calls,
      MINIMUM_CALLS_PER_ORDER,
      '≤ 1.5 × minimum',
      (r) => r <= 1.5,
    );
    figures.fifoVersusStandard = compare(
      pipeOf('conveyor-fifo'),
      pipeOf('conveyor'),
      'reported',
      () => null,
    );
  }
  if (spike.length > 0) {
    const p99 = (pick: (run: SpikeRun) => number) => median(spike.map(pick));
    const clean = spike.every((run) => run.serverErrors === 0);
    figures.spikeP99 = compare(
      p99((run) => run.spikeP99Ms),
      p99((run) => run.baselineP99Ms),
      '≤ 5, no 5xx',
      (r) => r <= 5 && clean,
    );
    const drains = spike.map((run) => run.drainSeconds ?? Number.NaN);
    figures.spikeDrainSeconds = {
      conveyor: round(median(drains), 1),
      baseline: null,
      ratio: null,
      goal: 'backlog grows, then drains',
      met: spike.every((run) => run.backlogGrewAndDrained),
    };
  }
  return figures;
}

function compare(
  conveyor: number,
  baseline: number,
  goal: string,
  meets: (r: number) => boolean | null,
): Figure {
  const r = ratio(conveyor, baseline);
  return {
    conveyor: round(conveyor, 2),
    baseline: round(baseline, 2),
    ratio: round(r, 2),
    goal,
    met: Number.isFinite(r) ? meets(r) : null,
  };
}

/** Calls per order by action over every standard-mode run of Conveyor (and of the bare pipeline). */
export function sqsCallsSummary(pipeline: PipelineRun[]): BenchReport['sqsCalls'] {
  const summary = (variant: PipelineVariant) => {
    const runs = pipeline.filter((run) => run.variant === variant);
    const shipped = runs.reduce((sum, run) => sum + run.shippedInWindow, 0);
    if (runs.length === 0 || shipped === 0) return null;
    const counts = runs.map((run) => run.sqs).reduce(addCounts);
    const perAction = callsPerOrder(counts, shipped);
    const byActionPerOrder = Object.fromEntries(
      Object.entries(perAction).map(([action, calls]) => [action, round(calls, 2)]),
    );
    const sent = (counts.entries.SendMessageBatch ?? 0) + (counts.calls.SendMessage ?? 0);
    return {
      perOrder: round(totalPerOrder(perAction), 2),
      byActionPerOrder,
      messagesPerOrder: round(sent / shipped, 2),
    };
  };
  const conveyor = summary('conveyor');
  if (!conveyor) return null;
  const bare = summary('bare');
  return {
    ...conveyor,
    minimumPerOrder: MINIMUM_CALLS_PER_ORDER,
    bare: bare && { perOrder: bare.perOrder, byActionPerOrder: bare.byActionPerOrder },
  };
}
