import { ArrivalSchedule } from './arrival.schedule';
import { buildProfile } from './load-profiles.catalog';

describe('load profiles', () => {
  it('shapes a spike as the sale: baseline 30 s, ten times that for 60 s, baseline for 60 s', () => {
    expect(buildProfile('spike')).toEqual([
      { name: 'baseline', durationSeconds: 30, ratePerSecond: 5 },
      { name: 'spike', durationSeconds: 60, ratePerSecond: 50 },
      { name: 'recovery', durationSeconds: 60, ratePerSecond: 5 },
    ]);
  });

  it('keeps the spike at ten times an explicit baseline unless the peak is given too', () => {
    expect(buildProfile('spike', { rate: 8 }).map((phase) => phase.ratePerSecond)).toEqual([
      8, 80, 8,
    ]);
    const custom = buildProfile('spike', {
      rate: 5,
      peakRate: 20,
      baselineSeconds: 5,
      spikeSeconds: 10,
      recoverySeconds: 10,
    });
    expect(custom.map((phase) => [phase.durationSeconds, phase.ratePerSecond])).toEqual([
      [5, 5],
      [10, 20],
      [10, 5],
    ]);
  });

  it('ramps linearly, then holds the peak', () => {
    const [ramp, hold] = buildProfile('ramp', {
      rate: 0,
      peakRate: 10,
      rampSeconds: 10,
      holdSeconds: 5,
    });
    expect(ramp).toMatchObject({ ratePerSecond: 0, endRatePerSecond: 10, durationSeconds: 10 });
    expect(hold).toMatchObject({ ratePerSecond: 10, durationSeconds: 5 });
  });

  it('refuses a phase without duration', () => {
    expect(() => buildProfile('steady', { durationSeconds: 0 })).toThrow(/positive duration/);
  });
});

describe('arrival schedule', () => {
  it('integrates the rate over the phases', () => {
    const schedule = new ArrivalSchedule(
      buildProfile('spike', { rate: 5, baselineSeconds: 5, spikeSeconds: 10, recoverySeconds: 10 }),
    );
    expect(schedule.totalSeconds).toBe(25);
    expect(schedule.arrivalsBy(5)).toBe(25);
    expect(schedule.arrivalsBy(15)).toBe(25 + 500);
    expect(schedule.arrivalsBy(100)).toBe(25 + 500 + 50);
    expect(schedule.at(6)).toEqual({ phase: 'spike', rate: 50 });
    expect(schedule.at(25).phase).toBe('drain');
  });

  it('counts a linear ramp as the area under it', () => {
    const schedule = new ArrivalSchedule([
      { name: 'ramp', durationSeconds: 10, ratePerSecond: 0, endRatePerSecond: 10 },
    ]);
    expect(schedule.arrivalsBy(10)).toBe(50);
    expect(schedule.arrivalsBy(5)).toBe(12);
    expect(schedule.at(5).rate).toBe(5);
  });
});
