import { median, percentile, spread } from './bench.stats';

describe('bench statistics', () => {
  it('gives the min, median and max of the repetitions, and how many there were', () => {
    expect(spread([3, 1, 2])).toEqual({ min: 1, median: 2, max: 3, n: 3 });
    expect(spread([4, 1, 3, 2])).toEqual({ min: 1, median: 2.5, max: 4, n: 4 });
  });

  it('leaves out repetitions without a reading, and has no spread without any', () => {
    expect(spread([Number.NaN, 5, null, 7])).toEqual({ min: 5, median: 6, max: 7, n: 2 });
    expect(spread([null, Number.NaN])).toBeNull();
    expect(spread([])).toBeNull();
  });

  it('rounds to the digits asked for', () => {
    expect(spread([1.23456, 2.34567], 1)).toEqual({ min: 1.2, median: 1.8, max: 2.3, n: 2 });
  });

  it('keeps median and nearest-rank percentiles as they were', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([])).toBeNaN();
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
  });
});
