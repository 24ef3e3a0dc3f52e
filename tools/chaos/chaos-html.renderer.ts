import { CONVEYOR_APPS } from '@conveyor/contracts';
import type { ChaosReport, FaultFigures } from './chaos-report.types';

const STYLE = `body{font:14px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}.ok{color:#17703a;font-weight:600}.bad{color:#b3261e;font-weight:600}
code{background:#f3f3f3;padding:0 .2rem}`;

function escape(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!,
  );
}

function table(head: string[], rows: (string | number)[][]): string {
  const cell = (value: string | number) =>
    typeof value === 'number' ? `<td class="n">${value}</td>` : `<td>${value}</td>`;
  return `<table><tr>${head.map((h) => `<th>${escape(h)}</th>`).join('')}</tr>${rows
    .map((row) => `<tr>${row.map(cell).join('')}</tr>`)
    .join('')}</table>`;
}

function faultRows(faults: Record<string, FaultFigures>): (string | number)[][] {
  return Object.entries(faults)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, f]) => [
      escape(kind),
      f.count,
      f.totalSeconds,
      f.shortestSeconds,
      f.longestSeconds,
    ]);
}

function counts(record: Record<string, number>): (string | number)[][] {
  return Object.entries(record).map(([key, value]) => [escape(key), value]);
}

/** The chaos report as one self-contained HTML page. */
export function renderChaosHtml(report: ChaosReport): string {
  const verdict =
    report.exitCode === 0
      ? '<span class="ok">all invariants hold</span>'
      : '<span class="bad">FAILED</span>';
  const s = report.settings;
  const faultHead = ['kind', 'count', 'total s', 'shortest s', 'longest s'];
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>Conveyor chaos run ${escape(report.startedAt)}</title><style>${STYLE}</style>
<h1>Chaos run: ${verdict}</h1>
<p><code>${escape(report.command)}</code> — seed <b>${s.seed}</b>, ${s.durationSeconds} s at ${s.ratePerSecond} orders/s, a kill every ${s.killEverySeconds} s, PostgreSQL ${report.database}; ${escape(report.startedAt)} to ${escape(report.finishedAt)}.</p>
<h2>Kills</h2>
${table(
  ['app', 'kills', 'restarts by supervision', 'down s (exit to live again)', 'longest down s'],
  CONVEYOR_APPS.map((app) => [
    app,
    report.kills.byApp[app],
    report.kills.restartsByApp[app],
    report.kills.downByApp[app].totalSeconds,
    report.kills.downByApp[app].longestSeconds,
  ]),
)}
<p>${report.kills.total} kills in all; ${report.kills.relayMidPublish.aimed} aimed at an outbox relay in the middle of publishing, ${report.kills.relayMidPublish.caught} of which caught one holding claimed rows.</p>
<h2>Outages (TCP proxies in front of PostgreSQL and SQS)</h2>
${table(faultHead, faultRows(report.outages))}
<h2>Stripe faults (emulator)</h2>
${table(faultHead, faultRows(report.stripeFaults))}
<h2>Orders</h2>
${table(
  ['figure', 'value'],
  [
    ['offered (arrivals on the schedule)', report.orders.offered],
    ['accepted (202)', report.orders.accepted],
    ['skipped (client at its in-flight cap)', report.orders.skipped],
    ['given up (still refused after the retry window)', report.orders.gaveUp],
    ['client retries (same key)', report.orders.clientRetries],
    ['not terminal at the end', report.orders.notTerminal],
    ['cancellations asked', report.orders.cancellations.asked],
    ['cancellations accepted', report.orders.cancellations.accepted],
    ['dead-lettered', report.deadLettered],
    ['redriven', report.redriven],
    ['duplicates skipped', report.duplicatesSkipped.total],
  ],
)}
${table(['terminal status', 'orders'], counts(report.orders.terminalByStatus))}
${table(['answer to POST /orders', 'count'], [...counts(report.orders.answers), ...counts(report.orders.transportErrors)])}
${table(['answer retried (same key)', 'count'], counts(report.orders.retriedOn))}
<p>Duplicates: ${escape(report.duplicatesSkipped.method)}</p>
<h2>Settle</h2>
<p>${report.settle.settled ? `settled ${report.settle.seconds} s after the load and the faults ended` : '<span class="bad">did not settle before the deadline</span>'}; outbox rows left ${report.settle.outboxRows}, work-queue messages left ${report.settle.queued}.</p>
<h2>Invariants (auditor exit code ${report.auditExitCode})</h2>
${table(
  ['', 'invariant', 'result', 'details'],
  report.invariants.map((r) => [
    r.id,
    escape(r.title),
    r.holds ? '<span class="ok">holds</span>' : '<span class="bad">violated</span>',
    escape(r.details.slice(0, 5).join('; ')),
  ]),
)}
${report.warnings.length ? `<h2>Warnings</h2><ul>${report.warnings.map((w) => `<li>${escape(w)}</li>`).join('')}</ul>` : ''}
</html>
`;
}
