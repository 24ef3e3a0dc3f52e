import type { Figure } from './bench-report.types';
import { median, ratio, round, spread } from './bench.stats';

/** A repetition's value of one variant, for pairing with another variant's in the same repetition. */
export interface Sample {
  repetition: number;
  value: number;
}

/** Medians of both sides and their ratio; the spread has each repetition's own ratio. */
export function compare(
  conveyor: Sample[],
  baseline: Sample[],
  goal: string,
  meets: (r: number) => boolean | null,
  digits = 2,
): Figure {
  const a = median(conveyor.map((sample) => sample.value));
  const b = median(baseline.map((sample) => sample.value));
  const r = ratio(a, b);
  return {
    conveyor: round(a, digits),
    baseline: round(b, digits),
    ratio: round(r, 2),
    goal,
    met: Number.isFinite(r) ? meets(r) : null,
    spread: {
      conveyor: spread(
        conveyor.map((sample) => sample.value),
        digits,
      ),
      baseline: spread(
        baseline.map((sample) => sample.value),
        digits,
      ),
      ratio: spread(pairedRatios(conveyor, baseline)),
    },
  };
}

/** Each repetition's ratio of the two variants that ran in it. */
export function pairedRatios(a: Sample[], b: Sample[]): number[] {
  return a.flatMap((sample) => {
    const other = b.find((candidate) => candidate.repetition === sample.repetition);
    return other ? [ratio(sample.value, other.value)] : [];
  });
}
