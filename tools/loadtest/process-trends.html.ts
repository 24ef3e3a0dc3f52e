import type { ProcessReport, SeriesTrend } from './load-report.types';
import { escapeXml as esc, renderLineChart } from './svg-chart.renderer';

const MB = 1024 * 1024;

/** The report's "Processes" section: memory and open handles over the run, with each trend. */
export function renderProcessSection(processes: readonly ProcessReport[]): string {
  if (processes.length === 0) return '<p>Processes were not sampled (--process-metrics none).</p>';
  const x = [
    ...new Set(processes.flatMap((process) => process.points.map((point) => point.t))),
  ].sort((a, b) => a - b);
  const chart = (
    title: string,
    unit: string,
    pick: (point: ProcessReport['points'][number]) => number | null,
  ) =>
    renderLineChart({
      title,
      unit,
      x,
      series: processes.map((process) => {
        const byT = new Map(process.points.map((point) => [point.t, pick(point)]));
        return { name: process.name, values: x.map((t) => byT.get(t) ?? null) };
      }),
    });
  return [
    renderTrendTable(processes),
    chart('Resident memory per process', 'MB', (point) => point.rssBytes / MB),
    chart('Heap used per process', 'MB', (point) => point.heapUsedBytes / MB),
    chart('Open handles per process', '', (point) => point.handles),
  ].join('\n');
}

function renderTrendTable(processes: readonly ProcessReport[]): string {
  const cell = (trend: SeriesTrend | null, scale: number, unit: string) =>
    trend === null
      ? '<td>not reported</td>'
      : `<td class="n">${(trend.slopePerHour / scale).toFixed(1)} ${unit}/h</td>` +
        `<td class="${trend.verdict === 'leak suspected' ? 'bad' : trend.verdict === 'stable' ? 'good' : ''}" title="${esc(trend.reason)}">${esc(trend.verdict)}</td>`;
  const rows = processes.map((process) => {
    const { rssBytes, heapUsedBytes, handles } = process.trends;
    const notes = [
      process.restarts > 0 ? `restarted ${process.restarts}×` : '',
      process.errors > 0 ? `${process.errors} failed scrapes` : '',
    ].filter(Boolean);
    return `<tr><td>${esc(process.name)}</td>${cell(rssBytes, MB, 'MB')}${cell(heapUsedBytes, MB, 'MB')}${cell(handles, 1, '')}<td>${esc(notes.join(', '))}</td></tr>`;
  });
  return `<p>Slopes are least-squares fits after a warm-up (the first minute, or the first tenth of the run
if longer). "Leak suspected" needs both a fitted growth above a limit and rising minima across the
run's four quarters, so a garbage-collected sawtooth does not count. Hover a verdict for its reason.</p>
<table><tr><th>process</th><th colspan="2">RSS</th><th colspan="2">heap used</th><th colspan="2">open handles</th><th></th></tr>
${rows.join('\n')}</table>`;
}
