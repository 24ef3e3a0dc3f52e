import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../cli/command-line';
import type { ChaosSettings } from './chaos-report.types';

export interface ChaosOptions extends ChaosSettings {
  reportsDir: string;
}

/** What a default run is for (issue 13): the defaults below reach it with a fifth to spare. */
export const CHAOS_GOAL = { acceptedOrders: 5_000, kills: 200 };

/**
 * 1,000 s at 6 orders/s with a kill every 4 s: 6,000 orders offered and 250 kills scheduled.
 * Every order offered is accepted in the end (the client retries with its key), so the
 * duration sets both counts; a faster rate would only slow a small machine's restarts.
 */
export const CHAOS_DEFAULTS = {
  duration: 1_000,
  rate: 6,
  killEvery: 4,
  faultEvery: 3,
  maxFault: 5,
  settleTimeout: 600,
};

export const CHAOS_USAGE = `usage: npm run chaos -- [--duration ${CHAOS_DEFAULTS.duration}] [--rate ${CHAOS_DEFAULTS.rate}] [--kill-every ${CHAOS_DEFAULTS.killEvery}]
  [--seed N] [--fault-every ${CHAOS_DEFAULTS.faultEvery}] [--max-fault ${CHAOS_DEFAULTS.maxFault}] [--settle-timeout ${CHAOS_DEFAULTS.settleTimeout}] [--reports-dir reports/chaos]
  runs its own Conveyor stack (PostgreSQL: DATABASE_URL's server, a fresh database, or an embedded
  one) under the load kit for --duration seconds at --rate orders/s; every --kill-every seconds it
  SIGKILLs a random app (supervision restarts it), and on every --fault-every-th kill moment starts
  an outage of PostgreSQL or SQS (refuse, blackhole, latency, cut) or a Stripe fault (500, 429,
  slow, dropped after charging) lasting up to --max-fault seconds. Then it waits for the system to
  settle, runs the invariant auditor over the accepted orders and writes a JSON and HTML report.
  Exit code 1 when an invariant fails or the system does not settle. The defaults offer
  ${CHAOS_DEFAULTS.duration * CHAOS_DEFAULTS.rate} orders and schedule ${CHAOS_DEFAULTS.duration / CHAOS_DEFAULTS.killEvery} kills: the goal is ≥ ${CHAOS_GOAL.acceptedOrders} accepted and ≥ ${CHAOS_GOAL.kills} kills.`;

function positive(raw: string | undefined, fallback: number, name: string, integer = false) {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new UsageError(
      `--${name} must be a positive ${integer ? 'integer' : 'number'}, got ${raw}`,
    );
  }
  return value;
}

export function parseChaosOptions(argv: string[], root: string): ChaosOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string' },
      rate: { type: 'string' },
      'kill-every': { type: 'string' },
      seed: { type: 'string' },
      'fault-every': { type: 'string' },
      'max-fault': { type: 'string' },
      'settle-timeout': { type: 'string' },
      'reports-dir': { type: 'string' },
    },
  });
  const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) {
    throw new UsageError(`--seed must be a non-negative integer, got ${values.seed}`);
  }
  return {
    durationSeconds: positive(values.duration, CHAOS_DEFAULTS.duration, 'duration'),
    ratePerSecond: positive(values.rate, CHAOS_DEFAULTS.rate, 'rate'),
    killEverySeconds: positive(values['kill-every'], CHAOS_DEFAULTS.killEvery, 'kill-every'),
    faultEveryKills: positive(
      values['fault-every'],
      CHAOS_DEFAULTS.faultEvery,
      'fault-every',
      true,
    ),
    maxFaultSeconds: positive(values['max-fault'], CHAOS_DEFAULTS.maxFault, 'max-fault'),
    settleTimeoutSeconds: positive(
      values['settle-timeout'],
      CHAOS_DEFAULTS.settleTimeout,
      'settle-timeout',
    ),
    seed,
    reportsDir: path.resolve(root, values['reports-dir'] ?? 'reports/chaos'),
  };
}
