import type { Percentiles } from './load-report.types';

/** Nearest-rank percentiles, rounded to 0.1 ms; null when nothing was measured. */
export function percentiles(values: readonly number[]): Percentiles | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const rank = (p: number) => round(sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]);
  return { p50: rank(50), p95: rank(95), p99: rank(99), max: round(sorted[sorted.length - 1]) };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
