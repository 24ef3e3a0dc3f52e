import { CONVEYOR_APPS } from '@conveyor/contracts';
import { buildChaosSchedule, FAULT_KINDS, type ChaosEvent } from './chaos.schedule';

const options = {
  durationSeconds: 120,
  killEverySeconds: 3,
  seed: 42,
  faultEveryKills: 2,
  maxFaultSeconds: 4,
  relayKillShare: 0.25,
};

const faults = (events: ChaosEvent[]) => events.filter((event) => event.kind !== 'kill');

describe('buildChaosSchedule', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(buildChaosSchedule(options)).toEqual(buildChaosSchedule(options));
    expect(buildChaosSchedule({ ...options, seed: 43 })).not.toEqual(buildChaosSchedule(options));
  });

  it('kills once per period, within the run, at every app and at relays mid-publish', () => {
    const kills = buildChaosSchedule(options).filter((event) => event.kind === 'kill');

    expect(kills).toHaveLength(40);
    expect(kills.every((kill) => kill.atSeconds > 0 && kill.atSeconds < 120)).toBe(true);
    const targets = new Set(kills.map((kill) => kill.target));
    for (const app of CONVEYOR_APPS) expect(targets).toContain(app);
    expect(targets).toContain('relay-mid-publish');
  });

  it('injects every fault kind once a run holds a round, and never two faults at once', () => {
    const injected = faults(buildChaosSchedule(options));

    const kinds = new Set(
      injected.map((event) =>
        event.kind === 'outage' ? `${event.service}:${event.mode}` : `stripe:${event.fault}`,
      ),
    );
    expect(kinds.size).toBe(FAULT_KINDS.length);
    for (let index = 1; index < injected.length; index++) {
      const previous = injected[index - 1] as { atSeconds: number; seconds: number };
      expect(injected[index].atSeconds).toBeGreaterThanOrEqual(
        previous.atSeconds + previous.seconds,
      );
    }
  });

  it('keeps every fault between 1 s and the longest allowed, ending within the run', () => {
    for (const event of faults(buildChaosSchedule({ ...options, seed: 7 }))) {
      const fault = event as { atSeconds: number; seconds: number };
      expect(fault.seconds).toBeGreaterThanOrEqual(1);
      expect(fault.seconds).toBeLessThanOrEqual(4);
      expect(fault.atSeconds + fault.seconds).toBeLessThanOrEqual(120);
    }
  });
});
