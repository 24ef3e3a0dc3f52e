import { CHAOS_DEFAULTS, CHAOS_GOAL, parseChaosOptions } from './chaos.options';
import { buildChaosSchedule } from './chaos.schedule';

describe('parseChaosOptions', () => {
  it('takes the defaults when no flag is given, and the flags over them', () => {
    const defaults = parseChaosOptions([], '/repo');
    const given = parseChaosOptions(['--duration', '120', '--rate', '7', '--seed', '3'], '/repo');

    expect(defaults).toMatchObject({
      durationSeconds: CHAOS_DEFAULTS.duration,
      ratePerSecond: CHAOS_DEFAULTS.rate,
      killEverySeconds: CHAOS_DEFAULTS.killEvery,
      reportsDir: '/repo/reports/chaos',
    });
    expect(given).toMatchObject({ durationSeconds: 120, ratePerSecond: 7, seed: 3 });
  });

  it('sizes a default run a fifth over the goal, in orders offered and kills scheduled', () => {
    const options = parseChaosOptions([], '/repo');
    const schedule = buildChaosSchedule({ ...options, relayKillShare: 0.25 });

    const kills = schedule.filter((event) => event.kind === 'kill').length;
    const offered = options.durationSeconds * options.ratePerSecond;

    expect(kills).toBeGreaterThanOrEqual(CHAOS_GOAL.kills * 1.2);
    expect(offered).toBeGreaterThanOrEqual(CHAOS_GOAL.acceptedOrders * 1.2);
  });

  it('refuses a rate that is not a positive number', () => {
    expect(() => parseChaosOptions(['--rate', '0'], '/repo')).toThrow(/--rate must be a positive/);
  });
});
