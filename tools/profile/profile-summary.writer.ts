import type { Frame } from './cpu-profile.types';
import type { RankedArea, RankedFunction } from './self-time.ranking';

export interface AppProfileSummary {
  app: string;
  cpuUs: number;
  idleUs: number;
  spanUs: number;
  /** The process's CPU time over the window from /proc, every thread; undefined without it. */
  processCpuMs?: number;
  functions: RankedFunction[];
  areas: RankedArea[];
  /** The flame graph's file name, beside the summary. */
  svg: string;
}

export interface ProfileRunFacts {
  command: string;
  startedAt: string;
  node: string;
  machine: string;
  /** The load as the load kit reported it, one line. */
  load: string;
  warnings: string[];
}

const NAME_CHARS = 60;

const CATEGORY_NAMES: Record<Frame['category'], string> = {
  project: 'this repository',
  package: 'package',
  node: 'Node.js',
  runtime: 'engine',
};

/** summary.md: the run, then per app its CPU time, top functions and top areas by self time. */
export function renderProfileSummary(run: ProfileRunFacts, apps: AppProfileSummary[]): string {
  const lines = [
    '# CPU profiles',
    '',
    `- Run: \`${run.command}\`, ${run.startedAt}`,
    `- Machine: ${run.machine}; Node ${run.node}`,
    `- Load: ${run.load}`,
    '- Profiled: from the first order sent until the pipeline had drained (boot and shutdown left',
    '  out). Profiled ms is the time V8 found the main thread busy, shares are of that time: wall',
    '  time, so on a busy machine it includes waits for a core. Process CPU is utime + stime from',
    '  /proc over the same window, every thread (GC helpers, libuv pool): on a quiet machine the two',
    '  come close.',
    ...run.warnings.map((warning) => `- Warning: ${warning}`),
    '',
  ];
  for (const app of apps) lines.push(...appSection(app));
  return lines.join('\n');
}

function appSection(app: AppProfileSummary): string[] {
  const busy = app.spanUs > 0 ? app.cpuUs / app.spanUs : 0;
  return [
    `## ${app.app}`,
    '',
    `${ms(app.cpuUs)} ms profiled over ${(app.spanUs / 1e6).toFixed(1)} s (${percent(busy)} of one ` +
      `core), idle ${ms(app.idleUs)} ms; process CPU ` +
      `${app.processCpuMs === undefined ? 'not read' : `${ms(app.processCpuMs * 1000)} ms`}. ` +
      `Flame graph: [${app.svg}](${app.svg}).`,
    '',
    '| # | Function | Location | Area | Self ms | Self % |',
    '| -: | -------- | -------- | ---- | ------: | -----: |',
    ...app.functions.map(
      (entry, index) =>
        `| ${index + 1} | \`${cell(shorten(entry.frame.name))}\` | ${location(entry)} | ` +
        `${cell(entry.frame.area)} | ${ms(entry.selfUs)} | ${percent(entry.share)} |`,
    ),
    '',
    '| Area | Kind | Self ms | Self % |',
    '| ---- | ---- | ------: | -----: |',
    ...app.areas.map(
      (entry) =>
        `| ${cell(entry.area)} | ${CATEGORY_NAMES[entry.category]} | ${ms(entry.selfUs)} | ` +
        `${percent(entry.share)} |`,
    ),
    '',
  ];
}

function location(entry: RankedFunction): string {
  const { file, line } = entry.frame;
  const where = file
    ? `\`${cell(file)}${line > 0 ? `:${line}` : ''}\``
    : entry.frame.category === 'runtime'
      ? '—'
      : 'native';
  if (!entry.via) return where;
  return `${where}, ${percent(entry.via.share)} via ${cell(entry.via.area)}`;
}

/** A long name (a RegExp's source, say) keeps its start: the flame graph has it whole. */
function shorten(name: string): string {
  return name.length > NAME_CHARS ? `${name.slice(0, NAME_CHARS - 1)}…` : name;
}

/** Pipes would end a table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function ms(us: number): string {
  return (us / 1000).toFixed(us >= 100_000 ? 0 : 1);
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
