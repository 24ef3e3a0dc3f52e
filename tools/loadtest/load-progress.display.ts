import { SingleBar } from 'cli-progress';
import type { LiveTotals } from './load.sampler';
import type { LoadReport, LoadSample } from './load-report.types';

const FORMAT =
  '{bar} {value}/{total} s | {phase} | offered {offered}/s accepted {accepted}/s | p99 {p99} ms | backlog {backlog} | queued {queued}';

/** The terminal view of a run: a bar over the load's seconds with the last second's figures. */
export class LoadProgressDisplay {
  private readonly bar = new SingleBar({
    format: FORMAT,
    barsize: 24,
    hideCursor: true,
    // Outside a terminal (CI, a pipe) print a line every few seconds instead of redrawing.
    noTTYOutput: true,
    notTTYSchedule: 5_000,
  });

  constructor(private readonly loadSeconds: number) {}

  start(): void {
    this.bar.start(this.loadSeconds, 0, figures());
  }

  update(sample: LoadSample, totals: LiveTotals): void {
    this.bar.update(Math.min(sample.t, this.loadSeconds), {
      phase: sample.phase === 'drain' ? `draining ${sample.t - this.loadSeconds} s` : sample.phase,
      offered: sample.offered,
      accepted: sample.accepted,
      p99: sample.apiLatencyMs?.p99 ?? '-',
      backlog: sample.backlog,
      queued: totals.queueDepth ?? '-',
    });
  }

  stop(): void {
    this.bar.stop();
  }
}

function figures() {
  return { phase: 'starting', offered: 0, accepted: 0, p99: '-', backlog: 0, queued: '-' };
}

/** The figures worth reading in a terminal once the run is over. */
export function summaryLines(report: LoadReport): string[] {
  const { summary: s, accounting: a } = report;
  const p = (x: LoadReport['summary']['apiLatencyMs']) =>
    x ? `p50 ${x.p50} / p95 ${x.p95} / p99 ${x.p99} / max ${x.max} ms` : 'n/a';
  const pairs = (values: Record<string, number>) =>
    Object.entries(values)
      .map(([key, value]) => `${key}=${value}`)
      .join(' ') || 'none';
  return [
    `requests sent ${s.requestsSent}, accepted ${s.accepted}, skipped by the kit ${s.clientSkipped}`,
    `peak offered ${s.peakOfferedRate}/s, peak accepted ${s.peakAcceptedRate}/s`,
    `answers: ${pairs(s.statusCounts)}; errors: ${pairs(s.errorCounts)}`,
    `API latency ${p(s.apiLatencyMs)}`,
    `end to end (POST to SHIPPED) ${p(s.endToEndMs)}`,
    `peak backlog ${s.peakBacklog} orders, peak queue depth ${s.peakQueueDepth} messages`,
    `drain ${s.drainSeconds === null ? 'did not finish in time' : `${s.drainSeconds} s`}; DLQ growth: ${pairs(s.dlqGrowth)}`,
    `outcomes: ${pairs(a.byStatus)}`,
    a.allAccountedFor
      ? `every accepted order (${a.accepted}) reached a terminal status`
      : `NOT ACCOUNTED FOR: ${a.inProgress} in progress, ${a.missing} missing, e.g. ${a.unaccountedIds.slice(0, 5).join(', ')}`,
    ...report.warnings.map((warning) => `warning: ${warning}`),
  ];
}
