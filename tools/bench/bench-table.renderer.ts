import type { BenchReport, Figure } from './bench-report.types';
import { median, round, spread, type Spread } from './bench.stats';
import type { CpuUse } from './process-cpu.sampler';

const ROWS: { key: string; label: string }[] = [
  { key: 'api', label: '1. API: accepted `POST /orders` per second' },
  {
    key: 'apiVsPgbench',
    label: '1a. API: accepted per second (baseline column: the pgbench floor of the same rows)',
  },
  {
    key: 'apiVsPgOneRoundTrip',
    label: '1b. API: accepted per second (baseline column: one `pg` round trip per order)',
  },
  {
    key: 'apiPostgresCpu',
    label: '1c. API: PostgreSQL CPU ms per accepted order (baseline column: pgbench per order)',
  },
  {
    key: 'apiCpuPerOrder',
    label: '1d. API: CPU ms per accepted order, all processes (baseline column: bare)',
  },
  { key: 'pipeline', label: '2. Pipeline: orders per second to `SHIPPED`' },
  {
    key: 'pipelineCpuPerOrder',
    label: '2b. Pipeline: CPU ms per shipped order, all processes (baseline column: bare)',
  },
  {
    key: 'pipelineVsFloor',
    label: '2a. Pipeline: orders per second (baseline column: the lower SQS or database floor)',
  },
  {
    key: 'sqsCallsPerOrder',
    label: '3. SQS calls per shipped order (baseline column: the minimum)',
  },
  {
    key: 'fifoVersusStandard',
    label: '4. FIFO pipeline, orders per second (baseline column: standard)',
  },
  { key: 'spikeP99', label: '5. Spike: API p99 ms during the spike (baseline column: quiet p99)' },
  { key: 'spikeDrainSeconds', label: '5. Spike: seconds to drain the backlog after the load' },
  {
    key: 'spikeDrainRate',
    label: '5. Spike: orders per second while draining (baseline column: the pipeline figure)',
  },
  { key: 'quietEndToEndP50', label: '6. Quiet (a few orders/s): POST to `SHIPPED`, p50 ms' },
  { key: 'quietEndToEndP99', label: '6. Quiet (a few orders/s): POST to `SHIPPED`, p99 ms' },
  { key: 'residentPeakMB', label: '7. Resident memory: the largest peak of any app, MB' },
];

/**
 * The figures as a Markdown table: what `npm run bench` prints and docs/performance.md shows.
 * Each cell is the median, with the repetitions' min–max beside it when there were several; the
 * ratio's range is of each repetition's own ratio.
 */
export function renderFiguresTable(report: BenchReport): string {
  const lines = [
    '| Figure | Conveyor | Bare baseline | Ratio | Goal | Met |',
    '|---|--:|--:|--:|---|---|',
  ];
  for (const row of ROWS) {
    const figure = report.figures[row.key];
    if (figure) lines.push(`| ${row.label} | ${cells(figure)} |`);
  }
  return lines.join('\n');
}

function cells(figure: Figure): string {
  const met = figure.met === null ? '—' : figure.met ? 'yes' : '**no**';
  const { conveyor, baseline, ratio } = figure.spread;
  return [
    withRange(figure.conveyor, conveyor),
    withRange(figure.baseline, baseline),
    withRange(figure.ratio, ratio),
    figure.goal,
    met,
  ].join(' | ');
}

/** `median (min–max)` over several repetitions, the value alone for one. */
export function withRange(value: number | null, range: Spread | null): string {
  if (!range || range.n < 2) return num(value);
  return `${num(value)} (${range.min}–${range.max})`;
}

function cell(value: string | number | null): string {
  return typeof value === 'string' ? value : num(value);
}

/** A figure as printed: at most three decimals (a median of two rounded values may carry noise). */
export function num(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '—' : String(round(value, 3));
}

/** SQS calls per shipped order by action, Conveyor beside the bare pipeline. */
export function renderSqsCallsTable(report: BenchReport): string {
  const calls = report.sqsCalls;
  if (!calls) return '';
  const actions = [
    ...new Set([
      ...Object.keys(calls.byActionPerOrder),
      ...Object.keys(calls.bare?.byActionPerOrder ?? {}),
    ]),
  ].sort();
  const lines = ['| SQS action | Conveyor, per order | Bare, per order |', '|---|--:|--:|'];
  for (const action of actions) {
    lines.push(
      `| ${action} | ${num(calls.byActionPerOrder[action] ?? 0)} | ${num(calls.bare?.byActionPerOrder[action] ?? null)} |`,
    );
  }
  lines.push(`| **all** | **${calls.perOrder}** | **${num(calls.bare?.perOrder ?? null)}** |`);
  return lines.join('\n');
}

interface CostedRun {
  variant: string;
  cpu: CpuUse | null;
  cpuMsPerOrder: number | null;
  rate: number;
}

/**
 * What an order cost in CPU, beside the rate: on a saturated machine the rate is the cores
 * divided by this, and unlike the rate it hardly moves when other work shares the machine.
 */
export function renderCostTable(report: BenchReport): string {
  const valid = <T extends { valid: boolean }>(runs: T[]) => runs.filter((run) => run.valid);
  const groups: [string, CostedRun[]][] = [
    ['API', valid(report.api).map((run) => ({ ...run, rate: run.acceptedPerSecond }))],
    ['pipeline', valid(report.pipeline).map((run) => ({ ...run, rate: run.ordersPerSecond }))],
  ];
  const lines = [
    '| Figure | Variant | Orders/s | CPU ms per order | Machine busy (cores) | Not the benchmark (cores) | Where the CPU went (cores) |',
    '|---|---|--:|--:|--:|--:|---|',
  ];
  for (const [figure, runs] of groups) {
    for (const variant of [...new Set(runs.map((run) => run.variant))]) {
      const mine = runs.filter((run) => run.variant === variant);
      const costs = mine.map((run) => run.cpuMsPerOrder ?? Number.NaN);
      const typical = mine.find((run) => run.cpuMsPerOrder === median(costs)) ?? mine[0];
      const busy = typical.cpu?.machineBusyCores ?? null;
      const foreign = typical.cpu
        ? round(typical.cpu.machineBusyCores - typical.cpu.trackedCores)
        : null;
      const top = Object.entries(typical.cpu?.byComponent ?? {})
        .sort(([, a], [, b]) => b - a)
        .slice(0, 6)
        .map(([name, cores]) => `${name} ${cores}`)
        .join(', ');
      const rate = withRange(
        median(mine.map((run) => run.rate)),
        spread(
          mine.map((r) => r.rate),
          1,
        ),
      );
      const cost = withRange(median(costs), spread(costs, 1));
      const cells = [figure, variant, rate, cost, busy, foreign, top].map(cell);
      lines.push(`| ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

export function renderMachine(report: BenchReport): string {
  const m = report.machine;
  const b = report.backingServices;
  const q = m.quiet;
  const verdict = q.quiet ? 'quiet' : `**not quiet** (above ${q.thresholdPerCore} per core)`;
  const order = [
    ...report.order.api.map((turn, i) => `API #${i + 1}: ${turn.join(', ')}`),
    ...report.order.pipeline.map((turn, i) => `pipeline #${i + 1}: ${turn.join(', ')}`),
  ];
  return [
    `- Machine: ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB memory, Node ${m.node}, ${m.platform}`,
    `- Load average (1, 5, 15 min) at start: ${m.loadAverageAtStart.join(', ')}; at end: ${m.loadAverageAtEnd.join(', ')}`,
    `- Quiet-machine check at start: ${q.perCore1} (1 min) and ${q.perCore5} (5 min) per core: ${verdict}`,
    `- Order of the variants: ${report.order.scheme}${order.length > 0 ? ` (${order.join('; ')})` : ''}`,
    `- PostgreSQL: ${b.postgres}; SQS: ${b.sqs}; Stripe: ${b.stripe}`,
    `- Statements: ${b.statements}; pgbench: ${b.pgbench}`,
    `- Run: \`${report.command}\`, ${report.startedAt} to ${report.finishedAt}`,
  ].join('\n');
}
