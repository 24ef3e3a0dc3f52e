import { fixtures } from './bench-report.fixtures';
import { quietCheck } from './bench-report.builder';
import type { SpikeRun } from './bench-report.types';
import { computeFigures } from './bench.figures';
import { compare, pairedRatios } from './figure.compare';

const spikeRun = (repetition: number, quiet: number, spike: number): SpikeRun => ({
  repetition,
  baselineRate: 5,
  peakRate: 50,
  workerNice: 19,
  baselineP99Ms: quiet,
  spikeP99Ms: spike,
  worstSecondP99Ms: spike,
  p99Ratio: spike / quiet,
  serverErrors: 0,
  statuses: { '202': 10 },
  peakBacklog: 100,
  backlogGrewAndDrained: true,
  drainSeconds: 10,
  drainOrdersPerSecond: 9,
  quietEndToEndMs: { p50: 100 + repetition, p99: 400 + repetition },
  cpu: null,
  accounting: { accepted: 10, accountedFor: 10, missing: 0, missingIds: [] },
  valid: true,
  leftovers: null,
  memory: null,
});

describe('bench figures', () => {
  it('pairs the variants by repetition for the spread of the ratio', () => {
    const a = [
      { repetition: 1, value: 100 },
      { repetition: 2, value: 90 },
    ];
    const b = [
      { repetition: 2, value: 100 },
      { repetition: 1, value: 200 },
    ];
    expect(pairedRatios(a, b)).toEqual([0.5, 0.9]);
    const figure = compare(a, b, '≥ 0.5', (r) => r >= 0.5);
    expect(figure).toMatchObject({ conveyor: 95, baseline: 150, ratio: 0.63, met: true });
    expect(figure.spread.ratio).toEqual({ min: 0.5, median: 0.7, max: 0.9, n: 2 });
  });

  it('takes the spike ratio as the median of each repetition’s own ratio', () => {
    // Ratio of the medians: 140 / 40 = 3.5 (not met); median of the ratios: 2.5 (met).
    const spike = [spikeRun(1, 20, 40), spikeRun(2, 40, 140), spikeRun(3, 100, 250)];
    const figures = computeFigures({ api: [], pipeline: [], spike, apiFloors: [], floors: [] });
    expect(figures.spikeP99).toMatchObject({ conveyor: 140, baseline: 40, ratio: 2.5, met: true });
    expect(figures.spikeP99.goal).toBe('≤ 3, no 5xx');
    expect(figures.spikeP99.spread.ratio).toEqual({ min: 2, median: 2.5, max: 3.5, n: 3 });
  });

  it('sets the spike’s drain against the pipeline’s rate and reports the quiet latency', () => {
    const spike = [spikeRun(1, 20, 40), spikeRun(2, 40, 140), spikeRun(3, 100, 250)];
    const pipeline = [1, 2, 3].map((rep) => fixtures.pipeline('conveyor', rep, 10));
    const figures = computeFigures({ api: [], pipeline, spike, apiFloors: [], floors: [] });
    expect(figures.spikeDrainRate).toMatchObject({ conveyor: 9, baseline: 10, ratio: 0.9 });
    expect(figures.spikeDrainRate.met).toBe(true);
    expect(figures.quietEndToEndP50).toMatchObject({ conveyor: 102, goal: '≤ 150 ms', met: true });
    expect(figures.quietEndToEndP99).toMatchObject({ conveyor: 402, goal: '≤ 500 ms', met: true });
  });

  it('compares CPU per order with the bare variants and reports the largest resident set', () => {
    const api = [
      fixtures.api('conveyor', 1, 300, { cpuMsPerOrder: 1.5 }),
      fixtures.api('bare', 1, 500, {
        cpuMsPerOrder: 1,
        memory: { 'bare-api': { peakMB: 250, endMB: 240 } },
      }),
    ];
    const figures = computeFigures({ api, pipeline: [], spike: [], apiFloors: [], floors: [] });
    expect(figures.apiCpuPerOrder).toMatchObject({ ratio: 1.5, goal: '≤ 1.2', met: false });
    expect(figures.api).toMatchObject({ ratio: 0.6, goal: '≥ 0.85', met: false });
    // The bare API's 250 MB is not Conveyor's: only the order API's 180 counts.
    expect(figures.residentPeakMB).toMatchObject({ conveyor: 180, goal: '≤ 200 MB', met: true });
  });

  it('sets the API against its floors, rate and PostgreSQL CPU', () => {
    const api = [fixtures.api('conveyor', 1, 300), fixtures.api('bare', 1, 500)];
    const apiFloors = [
      fixtures.apiFloor('pgbench', 1, 1500),
      fixtures.apiFloor('pg-one-round-trip', 1, 1000),
    ];
    const figures = computeFigures({ api, pipeline: [], spike: [], apiFloors, floors: [] });
    expect(figures.apiVsPgbench).toMatchObject({ ratio: 0.2, goal: '≥ 0.35', met: false });
    expect(figures.apiVsPgOneRoundTrip).toMatchObject({ ratio: 0.3, met: null });
    // Conveyor's PostgreSQL CPU is 1 ms per order against pgbench's 0.2.
    expect(figures.apiPostgresCpu).toMatchObject({ conveyor: 1, baseline: 0.2, ratio: 5 });
  });

  it('checks the 1- and 5-minute load averages per core against the quiet threshold', () => {
    expect(quietCheck([0.6, 0.8, 3], 2)).toMatchObject({
      perCore1: 0.3,
      perCore5: 0.4,
      quiet: true,
    });
    expect(quietCheck([0.6, 1.2, 0], 2)).toMatchObject({ perCore5: 0.6, quiet: false });
    expect(quietCheck([1.2, 0.2, 0], 2).quiet).toBe(false);
  });
});
