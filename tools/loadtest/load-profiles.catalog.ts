import type { LoadPhase } from './load-report.types';

export const PROFILE_NAMES = ['steady', 'ramp', 'spike', 'soak'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** Every knob of the four shapes; each profile reads only the ones it uses. */
export interface ProfileSettings {
  /** Orders per second: the steady rate, the spike's baseline, the ramp's start. */
  rate: number;
  /** The spike's or the ramp's top rate. */
  peakRate: number;
  /** steady and soak: how long. */
  durationSeconds: number;
  /** spike: baseline before, the spike itself, baseline after. */
  baselineSeconds: number;
  spikeSeconds: number;
  recoverySeconds: number;
  /** ramp: rising from rate to peakRate, then holding the peak. */
  rampSeconds: number;
  holdSeconds: number;
}

/** Defaults per profile; the spike's are the sale the issue describes (30 s, ×10 for 60 s, 60 s). */
const DEFAULTS: Record<ProfileName, ProfileSettings> = {
  steady: base({ rate: 10, durationSeconds: 60 }),
  ramp: base({ rate: 1, peakRate: 50, rampSeconds: 120, holdSeconds: 30 }),
  spike: base({
    rate: 5,
    peakRate: 50,
    baselineSeconds: 30,
    spikeSeconds: 60,
    recoverySeconds: 60,
  }),
  soak: base({ rate: 10, durationSeconds: 1800 }),
};

function base(values: Partial<ProfileSettings>): ProfileSettings {
  return {
    rate: 10,
    peakRate: 100,
    durationSeconds: 60,
    baselineSeconds: 30,
    spikeSeconds: 60,
    recoverySeconds: 60,
    rampSeconds: 120,
    holdSeconds: 30,
    ...values,
  };
}

export function isProfileName(value: string): value is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(value);
}

/**
 * The phases of a profile. An explicit `rate` without `peakRate` keeps the spike at ten times
 * the baseline, as a sale does; every other setting falls back to the profile's default.
 */
export function buildProfile(
  name: ProfileName,
  overrides: Partial<ProfileSettings> = {},
): LoadPhase[] {
  const defined = Object.fromEntries(
    Object.entries(overrides).filter(([, value]) => value !== undefined),
  ) as Partial<ProfileSettings>;
  const s: ProfileSettings = { ...DEFAULTS[name], ...defined };
  if (defined.rate !== undefined && defined.peakRate === undefined) s.peakRate = s.rate * 10;
  const phases = shape(name, s);
  for (const phase of phases) {
    if (!(phase.durationSeconds > 0) || !(phase.ratePerSecond >= 0)) {
      throw new Error(`profile ${name}: phase ${phase.name} needs a positive duration and rate`);
    }
  }
  return phases;
}

function shape(name: ProfileName, s: ProfileSettings): LoadPhase[] {
  switch (name) {
    case 'steady':
    case 'soak':
      return [{ name, durationSeconds: s.durationSeconds, ratePerSecond: s.rate }];
    case 'ramp':
      return [
        {
          name: 'ramp',
          durationSeconds: s.rampSeconds,
          ratePerSecond: s.rate,
          endRatePerSecond: s.peakRate,
        },
        { name: 'hold', durationSeconds: s.holdSeconds, ratePerSecond: s.peakRate },
      ];
    case 'spike':
      return [
        { name: 'baseline', durationSeconds: s.baselineSeconds, ratePerSecond: s.rate },
        { name: 'spike', durationSeconds: s.spikeSeconds, ratePerSecond: s.peakRate },
        { name: 'recovery', durationSeconds: s.recoverySeconds, ratePerSecond: s.rate },
      ];
  }
}

export function totalSeconds(phases: readonly LoadPhase[]): number {
  return phases.reduce((sum, phase) => sum + phase.durationSeconds, 0);
}
