export interface TrendPoint {
  /** Seconds since the run started. */
  t: number;
  value: number;
}

export interface TrendThreshold {
  /** Growth over the analysed window below this is never a leak (bytes, handles). */
  floor: number;
  /** …nor below this share of the series' median level. */
  share: number;
}

export type TrendVerdict = 'leak suspected' | 'stable' | 'too short';

export interface TrendAnalysis {
  /** Least-squares slope after the warm-up, per hour. */
  slopePerHour: number;
  /** Slope times the analysed window: what the fit says the run added. */
  growth: number;
  /** Minimum of each quarter of the analysed window: rising minima are growth GC cannot undo. */
  quarterMinima: number[];
  verdict: TrendVerdict;
  reason: string;
}

export const MEMORY_THRESHOLD: TrendThreshold = { floor: 8 * 1024 * 1024, share: 0.05 };
export const HANDLES_THRESHOLD: TrendThreshold = { floor: 5, share: 0.1 };
const MIN_POINTS = 8;

/**
 * Whether a per-process series (RSS, heap used, open handles) grows in a way that looks like a
 * leak. Two conditions, both needed: the least-squares growth over the window after the warm-up
 * exceeds the threshold, and the minima of the window's four quarters keep rising, by at least
 * half of it overall. A garbage-collected heap saws up and down, so its fit can tilt while its
 * minima (what survives each collection) stay level; a leak raises the minima too.
 */
export function analyseTrend(
  points: readonly TrendPoint[],
  threshold: TrendThreshold,
): TrendAnalysis {
  const span = points.length > 0 ? points[points.length - 1].t - points[0].t : 0;
  const warmUp = points.length > 0 ? points[0].t + Math.max(60, span * 0.1) : 0;
  const window = points.filter((point) => point.t >= warmUp);
  if (window.length < MIN_POINTS) {
    return {
      slopePerHour: 0,
      growth: 0,
      quarterMinima: [],
      verdict: 'too short',
      reason: `${window.length} points after the warm-up`,
    };
  }
  const slope = leastSquaresSlope(window);
  const seconds = window[window.length - 1].t - window[0].t;
  const growth = slope * seconds;
  const limit = Math.max(
    threshold.floor,
    threshold.share * median(window.map((point) => point.value)),
  );
  const minima = quarterMinima(window);
  const minimaRise = minima[minima.length - 1] - minima[0];
  const rising = minima.every(
    (value, index) => index === 0 || value >= minima[index - 1] - limit * 0.1,
  );
  const leak = growth >= limit && minimaRise >= limit / 2 && rising;
  return {
    slopePerHour: slope * 3600,
    growth,
    quarterMinima: minima,
    verdict: leak ? 'leak suspected' : 'stable',
    reason: leak
      ? `grew ${round(growth)} (limit ${round(limit)}) and its minima rose ${round(minimaRise)}`
      : growth < limit
        ? `grew ${round(growth)}, under the limit ${round(limit)}`
        : `minima rose only ${round(minimaRise)} (GC reclaims the growth)`,
  };
}

export function leastSquaresSlope(points: readonly TrendPoint[]): number {
  const n = points.length;
  const meanT = points.reduce((sum, point) => sum + point.t, 0) / n;
  const meanV = points.reduce((sum, point) => sum + point.value, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const point of points) {
    covariance += (point.t - meanT) * (point.value - meanV);
    variance += (point.t - meanT) ** 2;
  }
  return variance === 0 ? 0 : covariance / variance;
}

function quarterMinima(window: readonly TrendPoint[]): number[] {
  const start = window[0].t;
  const length = (window[window.length - 1].t - start) / 4 || 1;
  const minima = [Infinity, Infinity, Infinity, Infinity];
  for (const point of window) {
    const quarter = Math.min(3, Math.floor((point.t - start) / length));
    minima[quarter] = Math.min(minima[quarter], point.value);
  }
  return minima.filter(Number.isFinite);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function round(value: number): string {
  return Math.abs(value) >= 1024 * 1024
    ? `${(value / 1024 / 1024).toFixed(1)} MB`
    : value.toFixed(1);
}
