import { CONVEYOR_APPS, type ConveyorApp } from '@conveyor/contracts';
import { seededRandom } from '@conveyor/seeded-random';

export type ProxiedService = 'postgres' | 'sqs';
export type OutageMode = 'refuse' | 'blackhole' | 'latency' | 'cut';
export type StripeFaultKind = 'http-500' | 'http-429' | 'slow' | 'drop-after-charge';

export const OUTAGE_MODES: readonly OutageMode[] = ['refuse', 'blackhole', 'latency', 'cut'];
export const STRIPE_FAULT_KINDS: readonly StripeFaultKind[] = [
  'http-500',
  'http-429',
  'slow',
  'drop-after-charge',
];

/** `relay-mid-publish`: wait for an outbox relay holding claimed rows, and kill its app then. */
export type KillTarget = ConveyorApp | 'relay-mid-publish';

export type ChaosEvent =
  | { atSeconds: number; kind: 'kill'; target: KillTarget }
  | {
      atSeconds: number;
      kind: 'outage';
      service: ProxiedService;
      mode: OutageMode;
      seconds: number;
    }
  | { atSeconds: number; kind: 'stripe'; fault: StripeFaultKind; seconds: number };

export interface ChaosScheduleOptions {
  durationSeconds: number;
  killEverySeconds: number;
  seed: number;
  /** A fault (outage or Stripe) rides on every this many kill moments. */
  faultEveryKills: number;
  /** Faults last 1 s up to this, never into the next fault. */
  maxFaultSeconds: number;
  /** Share of kills aimed at a relay in the middle of publishing, 0..1. */
  relayKillShare: number;
}

/** Every fault kind once per round: two proxies in four modes, and four Stripe faults. */
export const FAULT_KINDS: readonly (
  | { kind: 'outage'; service: ProxiedService; mode: OutageMode }
  | { kind: 'stripe'; fault: StripeFaultKind }
)[] = [
  ...(['postgres', 'sqs'] as const).flatMap((service) =>
    OUTAGE_MODES.map((mode) => ({ kind: 'outage' as const, service, mode })),
  ),
  ...STRIPE_FAULT_KINDS.map((fault) => ({ kind: 'stripe' as const, fault })),
];

/**
 * The run's faults, all drawn from one seed so that a run can be repeated: a kill every
 * `killEverySeconds` (jittered by up to half of it), each aimed at a random app, and on every
 * `faultEveryKills`-th kill moment the next fault of a shuffled round of every kind, so that a
 * run long enough for one round injects each kind at least once. Faults never overlap.
 */
export function buildChaosSchedule(options: ChaosScheduleOptions): ChaosEvent[] {
  const random = seededRandom(options.seed);
  const events: ChaosEvent[] = [];
  const killCount = Math.floor(options.durationSeconds / options.killEverySeconds);
  const faultGap = options.killEverySeconds * options.faultEveryKills;
  const longest = Math.max(1, Math.min(options.maxFaultSeconds, faultGap - 1));
  let round: (typeof FAULT_KINDS)[number][] = [];
  for (let index = 0; index < killCount; index++) {
    const slot = (index + 0.5) * options.killEverySeconds;
    const jitter = (random() - 0.5) * options.killEverySeconds * 0.5;
    const atSeconds = round1(Math.max(0.5, slot + jitter));
    events.push({ atSeconds, kind: 'kill', target: killTarget(random, options.relayKillShare) });
    if (index % options.faultEveryKills !== 0) continue;
    if (round.length === 0) round = shuffled(FAULT_KINDS, random);
    const fault = round.shift()!;
    const seconds = round1(1 + random() * (longest - 1));
    const at = round1(index * options.killEverySeconds + 0.25);
    if (at + seconds > options.durationSeconds) continue;
    events.push({ ...fault, atSeconds: at, seconds });
  }
  return events.sort((a, b) => a.atSeconds - b.atSeconds);
}

function killTarget(random: () => number, relayShare: number): KillTarget {
  if (random() < relayShare) return 'relay-mid-publish';
  return CONVEYOR_APPS[Math.floor(random() * CONVEYOR_APPS.length)];
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
