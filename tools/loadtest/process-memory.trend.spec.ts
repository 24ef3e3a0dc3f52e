import { parseSeries } from './process-metrics.sampler';
import { seededRandom } from '@conveyor/seeded-random';
import {
  analyseTrend,
  HANDLES_THRESHOLD,
  leastSquaresSlope,
  MEMORY_THRESHOLD,
  type TrendPoint,
} from './process-memory.trend';

const MB = 1024 * 1024;
/** 30 minutes sampled every 10 s, as the soak profile samples. */
const series = (value: (t: number) => number): TrendPoint[] =>
  Array.from({ length: 181 }, (_, index) => ({ t: index * 10, value: value(index * 10) }));

describe('analyseTrend', () => {
  const random = seededRandom(7);
  const noise = (amplitude: number) => (random() - 0.5) * 2 * amplitude;

  it('flags memory growing steadily under noise (a leak of 40 MB/h)', () => {
    const leak = analyseTrend(
      series((t) => 120 * MB + (40 * MB * t) / 3600 + noise(2 * MB)),
      MEMORY_THRESHOLD,
    );
    expect(leak.verdict).toBe('leak suspected');
    expect(leak.slopePerHour / MB).toBeCloseTo(40, 0);
  });

  it('flags open handles growing linearly', () => {
    expect(
      analyseTrend(
        series((t) => 40 + Math.floor(t / 60)),
        HANDLES_THRESHOLD,
      ).verdict,
    ).toBe('leak suspected');
  });

  it('does not flag a flat noisy series', () => {
    const flat = analyseTrend(
      series(() => 150 * MB + noise(6 * MB)),
      MEMORY_THRESHOLD,
    );
    expect(flat.verdict).toBe('stable');
    expect(
      analyseTrend(
        series(() => 42 + Math.round(noise(3))),
        HANDLES_THRESHOLD,
      ).verdict,
    ).toBe('stable');
  });

  it('does not flag a GC sawtooth, whose minima stay level however steep each climb', () => {
    // Climbs 30 MB over 4 minutes, then a collection drops it back.
    const sawtooth = analyseTrend(
      series((t) => 100 * MB + ((t % 240) / 240) * 30 * MB),
      MEMORY_THRESHOLD,
    );
    expect(sawtooth.verdict).toBe('stable');
  });

  it('does not judge a run shorter than its warm-up', () => {
    const short = series((t) => t * MB).slice(0, 10);
    expect(analyseTrend(short, MEMORY_THRESHOLD).verdict).toBe('too short');
  });

  it('fits the least-squares slope of a line exactly', () => {
    expect(
      leastSquaresSlope([
        { t: 0, value: 1 },
        { t: 10, value: 21 },
        { t: 20, value: 41 },
      ]),
    ).toBe(2);
  });
});

describe('parseSeries', () => {
  it('reads the default metrics whatever their labels, and ignores the rest', () => {
    const text = [
      '# HELP process_resident_memory_bytes Resident memory size in bytes.',
      'process_resident_memory_bytes{service="order-api"} 104857600',
      'nodejs_heap_size_used_bytes{service="order-api"} 52428800',
      'nodejs_heap_size_used_bytes_other 1',
      'nodejs_active_handles_total{service="order-api"} 17',
      'process_start_time_seconds 1764900000',
    ].join('\n');
    expect(parseSeries(text)).toEqual({
      rssBytes: 104857600,
      heapUsedBytes: 52428800,
      handles: 17,
      startTime: 1764900000,
    });
  });
});
