import type { BenchReport, Measured } from './bench-report.types';
import { median, spread } from './bench.stats';
import { num, withRange } from './bench-table.renderer';
import type { FloorName } from './floors.figures';
import type { PostgresCost } from './postgres-cost.per-order';
import { isApp, RSS_LIMIT_MB, type MemoryUse } from './process-memory.sampler';

const FLOOR_LABELS: Record<FloorName, string> = {
  pgbench: 'API: pgbench, custom script',
  'pg-one-round-trip': 'API: `pg`, one round trip',
  sqs: 'pipeline: SQS emulator, batch 10',
  'database-steps': 'pipeline: database steps',
  pipeline: '**pipeline: the lower of the two**',
};

/** What this machine can do at most for each figure, and each variant's fraction of it. */
export function renderFloorsTable(report: BenchReport): string {
  const rows = report.floors.rows;
  if (rows.length === 0) return '';
  const lines = [
    '| Floor | Orders/s | PostgreSQL CPU ms per order | Conveyor, fraction | Bare, fraction | How |',
    '|---|--:|--:|--:|--:|---|',
  ];
  for (const row of rows) {
    const rate = withRange(row.ordersPerSecond?.median ?? null, row.ordersPerSecond);
    const cpu = withRange(row.postgresCpuMsPerOrder?.median ?? null, row.postgresCpuMsPerOrder);
    const cells = [FLOOR_LABELS[row.floor], rate, cpu, num(row.conveyorFraction)];
    lines.push(`| ${[...cells, num(row.bareFraction), row.note].join(' | ')} |`);
  }
  return lines.join('\n');
}

interface CostSource {
  variant: string;
  postgres: PostgresCost | null;
}

/**
 * PostgreSQL's own count of what an order cost, per accepted order (API, and a floor's
 * transaction) and per shipped order (pipeline): medians with the repetitions' range.
 */
export function renderPostgresCostTable(report: BenchReport): string {
  const valid = <T extends { valid: boolean }>(runs: T[]) => runs.filter((run) => run.valid);
  const groups: [string, CostSource[]][] = [
    ['API', valid(report.api)],
    ['API floor', report.floors.api.map((run) => ({ variant: run.floor, postgres: run.postgres }))],
    ['pipeline', valid(report.pipeline)],
  ];
  const lines = [
    '| Figure | Variant | Transactions | Statements | Rows written | WAL bytes | PostgreSQL CPU ms |',
    '|---|---|--:|--:|--:|--:|--:|',
  ];
  const scopes = new Set<string>();
  for (const [figure, runs] of groups) {
    for (const variant of [...new Set(runs.map((run) => run.variant))]) {
      const costs = runs.filter((run) => run.variant === variant).map((run) => run.postgres);
      costs.forEach((cost) => cost && scopes.add(cost.walScope));
      const cell = (pick: (cost: PostgresCost) => number | null, digits = 2) => {
        const values = costs.map((cost) => (cost ? pick(cost) : null));
        const range = spread(values, digits);
        return range ? withRange(range.median, range) : '—';
      };
      const cells = [
        cell((cost) => cost.transactionsPerOrder),
        cell((cost) => cost.statementsPerOrder),
        cell((cost) => cost.rowsWrittenPerOrder),
        cell((cost) => cost.walBytesPerOrder, 0),
        cell((cost) => cost.cpuMsPerOrder, 3),
      ];
      lines.push(`| ${[figure, variant, ...cells].join(' | ')} |`);
    }
  }
  const scope = scopes.has('server')
    ? "WAL is the server's WAL position, which other databases' writes on the same server also move."
    : 'WAL is pg_stat_statements’ count for the benchmark database alone.';
  return `${lines.join('\n')}\n\nPer accepted order (API), per transaction (floors), per shipped order (pipeline). ${scope}`;
}

/** Each app's resident memory under load: the highest peak and the median end over the repetitions. */
export function renderMemoryTable(report: BenchReport): string {
  const groups: [string, (Measured & { variant: string })[]][] = [
    ['API', report.api],
    ['pipeline', report.pipeline],
    ['spike', report.spike.map((run) => ({ ...run, variant: 'conveyor' }))],
  ];
  const lines = [
    `| Figure | Variant | Process | Peak RSS MB | End RSS MB | Above ${RSS_LIMIT_MB} MB |`,
    '|---|---|---|--:|--:|---|',
  ];
  for (const [figure, runs] of groups) {
    for (const variant of [...new Set(runs.map((run) => run.variant))]) {
      const memories = runs.filter((run) => run.variant === variant).map((run) => run.memory);
      for (const [name, peak, end] of byProcess(memories)) {
        const flag = peak > RSS_LIMIT_MB ? '**yes**' : 'no';
        lines.push(`| ${[figure, variant, name, peak, end, flag].join(' | ')} |`);
      }
    }
  }
  return lines.length > 2 ? lines.join('\n') : '';
}

function byProcess(memories: (MemoryUse | null)[]): [string, number, number][] {
  const names = new Set(memories.flatMap((memory) => Object.keys(memory ?? {})));
  return [...names].filter(isApp).map((name) => {
    const uses = memories.flatMap((memory) => (memory?.[name] ? [memory[name]] : []));
    const peak = Math.max(...uses.map((use) => use.peakMB));
    return [name, peak, median(uses.map((use) => use.endMB))];
  });
}
