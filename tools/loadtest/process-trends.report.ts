import type { ProcessReport, SeriesTrend } from './load-report.types';
import type { SampledProcess } from './process-metrics.sampler';
import {
  analyseTrend,
  HANDLES_THRESHOLD,
  MEMORY_THRESHOLD,
  type TrendThreshold,
} from './process-memory.trend';

/** Each sampled process with the trend of its RSS, heap and open handles. */
export function processReports(processes: readonly SampledProcess[]): ProcessReport[] {
  return processes.map((process) => {
    const trend = (
      pick: (point: SampledProcess['points'][number]) => number | null,
      threshold: TrendThreshold,
    ): SeriesTrend => {
      const points = process.points.flatMap((point) => {
        const value = pick(point);
        return value === null ? [] : [{ t: point.t, value }];
      });
      const { slopePerHour, growth, verdict, reason } = analyseTrend(points, threshold);
      return { slopePerHour, growth, verdict, reason };
    };
    const hasHandles = process.points.some((point) => point.handles !== null);
    return {
      ...process,
      trends: {
        rssBytes: trend((point) => point.rssBytes, MEMORY_THRESHOLD),
        heapUsedBytes: trend((point) => point.heapUsedBytes, MEMORY_THRESHOLD),
        handles: hasHandles ? trend((point) => point.handles, HANDLES_THRESHOLD) : null,
      },
    };
  });
}

/** Lines for the terminal summary: one per process. */
export function processTrendLines(processes: readonly ProcessReport[]): string[] {
  return processes.map((process) => {
    const last = process.points[process.points.length - 1];
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    const { rssBytes, heapUsedBytes, handles } = process.trends;
    return (
      `${process.name}: RSS ${last ? mb(last.rssBytes) : '?'} MB (${mb(rssBytes.slopePerHour)} MB/h, ${rssBytes.verdict}), ` +
      `heap ${last ? mb(last.heapUsedBytes) : '?'} MB (${mb(heapUsedBytes.slopePerHour)} MB/h, ${heapUsedBytes.verdict}), ` +
      `handles ${last?.handles ?? '?'} (${handles ? `${handles.slopePerHour.toFixed(1)}/h, ${handles.verdict}` : 'not reported'})` +
      (process.restarts > 0 ? `, restarted ${process.restarts}×` : '') +
      (process.errors > 0 ? `, ${process.errors} failed scrapes` : '')
    );
  });
}
