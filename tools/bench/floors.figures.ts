import type { ApiFloor, ApiFloorRun, ApiRun, PipelineRun, SqsFloorRun } from './bench-report.types';
import { median, ratio, round, spread, type Spread } from './bench.stats';
import { MINIMUM_STATEMENTS_PER_ORDER } from './postgres-cost.per-order';
import { MINIMUM_CALLS_PER_ORDER } from './sqs-calls.per-order';

export type FloorName = ApiFloor | 'sqs' | 'database-steps' | 'pipeline';

/** One floor: what this machine can do at most for a figure, and how close each variant came. */
export interface FloorRow {
  floor: FloorName;
  phase: 'api' | 'pipeline';
  /** How the rate was made, or why there is none. */
  note: string;
  ordersPerSecond: Spread | null;
  postgresCpuMsPerOrder: Spread | null;
  /** Conveyor's (and the bare variant's) median rate over the floor's median. */
  conveyorFraction: number | null;
  bareFraction: number | null;
}

export interface FloorInputs {
  api: ApiRun[];
  pipeline: PipelineRun[];
  apiFloors: ApiFloorRun[];
  sqsFloors: SqsFloorRun[];
  /** Why an API floor has no runs (pgbench not installed, or it failed). */
  unavailable: Partial<Record<ApiFloor, string>>;
  phases: { api: boolean; pipeline: boolean };
}

const API_FLOORS: ApiFloor[] = ['pgbench', 'pg-one-round-trip'];

/** The floors' rows: the API's two, then the pipeline's SQS and database floors and the lower one. */
export function floorRows(input: FloorInputs): FloorRow[] {
  const rows: FloorRow[] = [];
  const apiRate = (variant: string) =>
    median(input.api.filter((run) => run.variant === variant).map((run) => run.acceptedPerSecond));
  const apiFloors = API_FLOORS.map((floor) => apiFloorRow(input, floor, apiRate));
  if (input.phases.api) rows.push(...apiFloors);
  if (!input.phases.pipeline) return rows;
  const pipeRate = (variant: string) =>
    median(
      input.pipeline.filter((run) => run.variant === variant).map((run) => run.ordersPerSecond),
    );
  const fractions = (floor: Spread | null) => ({
    conveyorFraction: fraction(pipeRate('conveyor'), floor),
    bareFraction: fraction(pipeRate('bare'), floor),
  });
  const sqs = sqsRow(input.sqsFloors);
  const database = databaseRow(apiFloors, input.apiFloors);
  const measured = [sqs, database].filter((row) => row.ordersPerSecond !== null);
  const lower = measured.sort((a, b) => a.ordersPerSecond!.median - b.ordersPerSecond!.median)[0];
  rows.push(
    { ...sqs, ...fractions(sqs.ordersPerSecond) },
    { ...database, ...fractions(database.ordersPerSecond) },
    {
      floor: 'pipeline',
      phase: 'pipeline',
      note: lower ? `the lower of the two: ${lower.floor}` : 'not measured',
      ordersPerSecond: lower?.ordersPerSecond ?? null,
      postgresCpuMsPerOrder: null,
      ...fractions(lower?.ordersPerSecond ?? null),
    },
  );
  return rows;
}

function apiFloorRow(
  input: FloorInputs,
  floor: ApiFloor,
  apiRate: (variant: string) => number,
): FloorRow {
  const runs = input.apiFloors.filter((run) => run.floor === floor);
  const rate = spread(
    runs.map((run) => run.transactionsPerSecond),
    1,
  );
  const note =
    runs.length > 0
      ? `${runs[0].clients} clients, one statement per order`
      : (input.unavailable[floor] ?? 'not measured');
  return {
    floor,
    phase: 'api',
    note,
    ordersPerSecond: rate,
    postgresCpuMsPerOrder: spread(
      runs.map((run) => run.postgres?.cpuMsPerOrder ?? null),
      3,
    ),
    conveyorFraction: fraction(apiRate('conveyor'), rate),
    bareFraction: fraction(apiRate('bare'), rate),
  };
}

function sqsRow(runs: SqsFloorRun[]): FloorRow {
  const calls = median(runs.map((run) => run.callsPerSecond));
  const batch = median(runs.map((run) => run.receiveBatch));
  return {
    floor: 'sqs',
    phase: 'pipeline',
    note:
      runs.length > 0
        ? `${runs[0].loops} loops: ${round(calls, 0)} calls/s ÷ ${MINIMUM_CALLS_PER_ORDER} calls per order (${round(batch, 1)} messages per receive)`
        : 'not measured',
    ordersPerSecond: spread(
      runs.map((run) => run.ordersPerSecond),
      1,
    ),
    postgresCpuMsPerOrder: null,
    conveyorFraction: null,
    bareFraction: null,
  };
}

/** The faster API floor's statements per second, divided by the statements an order needs. */
function databaseRow(apiRows: FloorRow[], runs: ApiFloorRun[]): FloorRow {
  const best = apiRows
    .filter((row) => row.ordersPerSecond !== null)
    .sort((a, b) => b.ordersPerSecond!.median - a.ordersPerSecond!.median)[0];
  const perOrder = round(MINIMUM_STATEMENTS_PER_ORDER, 2);
  const rates = runs
    .filter((run) => run.floor === best?.floor)
    .map((run) => run.transactionsPerSecond / MINIMUM_STATEMENTS_PER_ORDER);
  return {
    floor: 'database-steps',
    phase: 'pipeline',
    note: best
      ? `${best.floor}: ${best.ordersPerSecond!.median} statements/s ÷ ${perOrder} statements per order`
      : 'not measured (needs the API phase floors)',
    ordersPerSecond: spread(rates, 1),
    postgresCpuMsPerOrder: null,
    conveyorFraction: null,
    bareFraction: null,
  };
}

function fraction(rate: number, floor: Spread | null): number | null {
  if (!floor) return null;
  const value = ratio(rate, floor.median);
  return Number.isFinite(value) ? round(value, 3) : null;
}
