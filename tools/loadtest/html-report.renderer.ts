import { QUEUE_NAMES } from '@conveyor/contracts';
import { ArrivalSchedule } from './arrival.schedule';
import { renderProcessSection } from './process-trends.html';
import type { LoadReport, LoadSample, Percentiles } from './load-report.types';
import {
  escapeXml as esc,
  renderLineChart,
  type ChartBand,
  type ChartSeries,
} from './svg-chart.renderer';

/** The report as one HTML file: inline CSS and SVG only, so it opens from disk offline. */
export function renderHtmlReport(report: LoadReport): string {
  const title = `Conveyor load test: ${report.profile}, ${report.startedAt}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 920px; color: #1f2328; }
table { border-collapse: collapse; margin: 8px 0 20px; }
th, td { border-bottom: 1px solid #d0d7de; padding: 3px 12px 3px 0; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.bad { color: #d1242f; font-weight: 600; } .good { color: #1a7f37; font-weight: 600; }
svg { width: 100%; height: auto; margin: 8px 0 16px; }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p>Target ${esc(report.target.baseUrl)}; queues ${esc(report.target.sqsEndpoint ?? 'not sampled')}
${esc(report.target.queuePrefix)} (${esc(report.target.queueMode)}). Finished ${esc(report.finishedAt)}.</p>
${renderSummary(report)}
<h2>Charts</h2>
${renderCharts(report)}
<h2>Processes</h2>
${renderProcessSection(report.processes)}
<h2>Settings</h2>
${renderSettings(report)}
</body>
</html>
`;
}

function renderSummary(report: LoadReport): string {
  const { summary: s, accounting: a } = report;
  const accounted = a.allAccountedFor
    ? `<span class="good">all ${a.accepted} accepted orders reached a terminal status</span>`
    : `<span class="bad">${a.accepted - a.terminal} of ${a.accepted} accepted orders did not (${a.inProgress} in progress, ${a.missing} missing)</span>`;
  const rows: [string, string][] = [
    ['Accounting', accounted],
    ['Requests sent / accepted (202)', `${s.requestsSent} / ${s.accepted}`],
    ['Skipped by the kit (in-flight cap)', String(s.clientSkipped)],
    ['Peak offered / accepted rate', `${s.peakOfferedRate} / ${s.peakAcceptedRate} per s`],
    ['Peak backlog (orders in progress)', String(s.peakBacklog)],
    ['Peak queue depth (visible + in flight)', String(s.peakQueueDepth)],
    [
      'Drain time',
      s.drainSeconds === null ? '<span class="bad">did not drain</span>' : `${s.drainSeconds} s`,
    ],
    ['API latency p50 / p95 / p99 / max', formatPercentiles(s.apiLatencyMs)],
    ['End to end (POST to SHIPPED) p50 / p95 / p99 / max', formatPercentiles(s.endToEndMs)],
    ['Outcomes', keyValues(a.byStatus)],
    ['Answers by status', keyValues(s.statusCounts)],
    ['Errors', keyValues(s.errorCounts)],
    ['DLQ growth', keyValues(s.dlqGrowth)],
    ['Observer errors (list, GET, SQS)', String(s.observerErrors)],
  ];
  if (report.warnings.length > 0) rows.push(['Warnings', report.warnings.map(esc).join('<br>')]);
  if (a.unaccountedIds.length > 0)
    rows.push(['Unaccounted orders', a.unaccountedIds.map(esc).join('<br>')]);
  return `<h2>Summary</h2>\n<table>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`).join('\n')}</table>`;
}

type Chart = (title: string, unit: string, series: ChartSeries[]) => string;

function renderCharts(report: LoadReport): string {
  const samples = report.samples;
  const x = samples.map((sample) => sample.t);
  const bands = phaseBands(report);
  const chart: Chart = (title, unit, series) => renderLineChart({ title, unit, x, series, bands });
  const pick = (f: (sample: LoadSample) => number | null) => samples.map(f);
  return [
    chart('Offered versus accepted rate', '/s', [
      { name: 'offered', values: pick((s) => s.offered) },
      { name: 'accepted (202)', values: pick((s) => s.accepted) },
      {
        name: 'target',
        values: pick((s) => (s.phase === 'drain' ? null : s.targetRate)),
        dashed: true,
      },
    ]),
    latencyChart(chart, samples, 'API latency (POST /orders)', (s) => s.apiLatencyMs),
    chart('Queue depth (visible + in flight)', 'msg', queueSeries(samples)),
    chart('Completion rate', '/s', [
      { name: 'orders completed', values: pick((s) => s.completed) },
      { name: 'orders accepted', values: pick((s) => s.accepted), dashed: true },
    ]),
    chart('Backlog (accepted, not yet terminal)', 'orders', [
      { name: 'backlog', values: pick((s) => s.backlog) },
    ]),
    latencyChart(
      chart,
      samples,
      'End-to-end latency (POST /orders to SHIPPED)',
      (s) => s.endToEndMs,
    ),
  ].join('\n');
}

/** p50, p95 and p99 in ms, or in seconds once they reach ten of them. */
function latencyChart(
  chart: Chart,
  samples: LoadSample[],
  title: string,
  f: (s: LoadSample) => Percentiles | null,
) {
  const seconds = samples.some((s) => (f(s)?.p99 ?? 0) >= 10_000);
  const scale = seconds ? 1000 : 1;
  const series = (['p50', 'p95', 'p99'] as const).map((p) => ({
    name: p,
    values: samples.map((s) => {
      const value = f(s)?.[p];
      return value === undefined ? null : value / scale;
    }),
  }));
  return chart(title, seconds ? 's' : 'ms', series);
}

/** One line per work queue; a DLQ only when it held something, dashed. */
function queueSeries(samples: LoadSample[]): ChartSeries[] {
  const work = QUEUE_NAMES.map((queue) => ({
    name: queue,
    values: samples.map((s) =>
      s.queues ? s.queues[queue].visible + s.queues[queue].inFlight : null,
    ),
  }));
  const dlqs = QUEUE_NAMES.map((queue) => ({
    name: `${queue} DLQ`,
    values: samples.map((s) => s.dlqs?.[queue] ?? null),
    dashed: true,
  })).filter((series) => series.values.some((value) => (value ?? 0) > 0));
  return [...work, ...dlqs];
}

function phaseBands(report: LoadReport): ChartBand[] {
  const bands = new ArrivalSchedule(report.settings.phases).bands();
  const end = bands.at(-1)?.to ?? 0;
  const last = report.samples.at(-1)?.t ?? end;
  return last > end ? [...bands, { name: 'drain', from: end, to: last }] : bands;
}

function renderSettings(report: LoadReport): string {
  const { settings } = report;
  const phases = settings.phases
    .map((p) => {
      const rate =
        p.endRatePerSecond === undefined
          ? `${p.ratePerSecond}`
          : `${p.ratePerSecond} → ${p.endRatePerSecond}`;
      return `<tr><td>${esc(p.name)}</td><td class="n">${p.durationSeconds} s</td><td class="n">${rate} /s</td></tr>`;
    })
    .join('');
  return `<table><tr><th>Phase</th><th>Duration</th><th>Rate</th></tr>${phases}</table>
<p>${settings.customers} customers, ${Math.round(settings.declineShare * 100)} % declined cards, SKUs ${esc(settings.skus.join(', '))};
${settings.connections} connections, at most ${settings.maxInFlight} in flight; drain bounded at ${settings.drainTimeoutSeconds} s; seed ${settings.seed}.</p>`;
}

function formatPercentiles(p: Percentiles | null): string {
  return p ? `${p.p50} / ${p.p95} / ${p.p99} / ${p.max} ms` : 'n/a';
}

function keyValues(values: Record<string, number>): string {
  const entries = Object.entries(values);
  return entries.length === 0
    ? 'none'
    : entries.map(([key, value]) => `${esc(key)}: ${value}`).join(', ');
}
