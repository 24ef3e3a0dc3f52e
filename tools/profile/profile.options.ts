import path from 'node:path';
import { parseArgs } from 'node:util';
import { positive } from '../cli/command-line';

export interface ProfileOptions {
  durationSeconds: number;
  ratePerSecond: number;
  outDir: string;
  /** Keep each app's .cpuprofile beside its flame graph (for DevTools or speedscope). */
  keepRaw: boolean;
}

export const PROFILE_DEFAULTS = { duration: 30, rate: 40, out: 'docs/performance/profiles' };

export const PROFILE_USAGE = `usage: npm run profile -- [--duration ${PROFILE_DEFAULTS.duration}] [--rate ${PROFILE_DEFAULTS.rate}] [--out ${PROFILE_DEFAULTS.out}] [--keep-raw]
  runs the four apps under \`node --cpu-prof\` on the benchmark's own stack (PostgreSQL: a fresh
  database on DATABASE_URL's server, or an embedded one; fauxqs; the Stripe emulator), drives
  --rate orders/s through the API with the load kit for --duration seconds, waits for the
  pipeline to drain and stops the apps. Writes <app>.svg (a CPU flame graph of the load window)
  and summary.md (CPU ms, top functions and packages by self time) to --out; with --keep-raw also
  <app>.cpuprofile.`;

export function parseProfileOptions(argv: string[], root: string): ProfileOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string' },
      rate: { type: 'string' },
      out: { type: 'string' },
      'keep-raw': { type: 'boolean', default: false },
    },
  });
  return {
    durationSeconds: positive('duration', values.duration, PROFILE_DEFAULTS.duration),
    ratePerSecond: positive('rate', values.rate, PROFILE_DEFAULTS.rate),
    outDir: path.resolve(root, values.out ?? PROFILE_DEFAULTS.out),
    keepRaw: values['keep-raw'],
  };
}
