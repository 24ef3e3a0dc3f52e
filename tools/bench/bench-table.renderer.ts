import type { BenchReport, Figure } from './bench-report.types';
import { median, round } from './bench.stats';
import type { CpuUse } from './process-cpu.sampler';

const ROWS: { key: string; label: string }[] = [
  { key: 'api', label: '1. API: accepted `POST /orders` per second' },
  { key: 'pipeline', label: '2. Pipeline: orders per second to `SHIPPED`' },
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
];

/** The figures as a Markdown table: what `npm run bench` prints and docs/performance.md shows. */
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
  return [num(figure.conveyor), num(figure.baseline), num(figure.ratio), figure.goal, met].join(
    ' | ',
  );
}

function cell(value: string | number | null): string {
  return typeof value === 'string' ? value : num(value);
}

function num(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '—' : String(value);
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
  const groups: [string, CostedRun[]][] = [
    ['API', report.api.map((run) => ({ ...run, rate: run.acceptedPerSecond }))],
    ['pipeline', report.pipeline.map((run) => ({ ...run, rate: run.ordersPerSecond }))],
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
      const rate = median(mine.map((run) => run.rate));
      const cells = [figure, variant, rate, median(costs), busy, foreign, top].map(cell);
      lines.push(`| ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

export function renderMachine(report: BenchReport): string {
  const m = report.machine;
  const b = report.backingServices;
  return [
    `- Machine: ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB memory, Node ${m.node}, ${m.platform}`,
    `- Load average (1, 5, 15 min) at start: ${m.loadAverageAtStart.join(', ')}; at end: ${m.loadAverageAtEnd.join(', ')}`,
    `- PostgreSQL: ${b.postgres}; SQS: ${b.sqs}; Stripe: ${b.stripe}`,
    `- Run: \`${report.command}\`, ${report.startedAt} to ${report.finishedAt}`,
  ].join('\n');
}
