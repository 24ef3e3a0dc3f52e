import { parseArgs } from 'node:util';
import { UsageError } from '../cli/command-line';
import {
  buildProfile,
  isProfileName,
  PROFILE_NAMES,
  type ProfileSettings,
} from './load-profiles.catalog';
import type { LoadTestOptions } from './load-test.runner';
import type { ProcessTarget } from './load-report.types';
import { LOCAL_STACK_PROCESSES } from './process-metrics.sampler';

export const USAGE = `usage: npm run loadtest -- [--profile ${PROFILE_NAMES.join('|')}] [flags]

target   --base-url http://127.0.0.1:3000   --jwt-secret <secret> (default: AUTH_JWT_SECRET, else .data/auth-jwt-secret)
queues   --sqs-endpoint http://127.0.0.1:9324 (aws: Amazon SQS; none: do not sample)
         --queue-prefix conveyor-dev-   --queue-mode standard|fifo   --region us-east-1
shape    --rate <n/s>   --peak-rate <n/s> (default 10 × rate)   --duration <s> (steady, soak)
         --baseline <s> --spike <s> --recovery <s> (spike: 30, 60, 60)   --ramp <s> --hold <s> (ramp)
orders   --customers 1000   --decline-share 0.1   --skus A,B (default: the catalog)   --restock <units>
process  --process-metrics local|none|<name=url,…> (default: local, the four apps of npm start, when
         --base-url is the local stack's; else none)   --process-interval 10 (seconds)
client   --connections 128   --max-in-flight 2000   --drain-timeout 120   --observer-pages 8   --seed <n>
output   --out reports`;

const NUMBER_FLAGS = {
  rate: 'rate',
  'peak-rate': 'peakRate',
  duration: 'durationSeconds',
  baseline: 'baselineSeconds',
  spike: 'spikeSeconds',
  recovery: 'recoverySeconds',
  ramp: 'rampSeconds',
  hold: 'holdSeconds',
} as const satisfies Record<string, keyof ProfileSettings>;

const DEFAULT_BASE_URL = 'http://127.0.0.1:3000';

const str = (fallback?: string) => ({ type: 'string' as const, default: fallback });

export interface CliOptions {
  run: Omit<LoadTestOptions, 'jwtSecret' | 'onSample'>;
  jwtSecret?: string;
  outDir: string;
}

const OPTIONS = {
  profile: str('steady'),
  'base-url': str(DEFAULT_BASE_URL),
  'jwt-secret': str(),
  'sqs-endpoint': str('http://127.0.0.1:9324'),
  'queue-prefix': str('conveyor-dev-'),
  'queue-mode': str('standard'),
  region: str('us-east-1'),
  ...Object.fromEntries(Object.keys(NUMBER_FLAGS).map((flag) => [flag, str()])),
  customers: str('1000'),
  'decline-share': str('0.1'),
  skus: str(),
  restock: str('0'),
  connections: str('128'),
  'max-in-flight': str('2000'),
  'drain-timeout': str('120'),
  'observer-pages': str('8'),
  seed: str(),
  'process-metrics': str(),
  'process-interval': str('10'),
  out: str('reports'),
};

type Flag = (name: string) => string | undefined;

/** Turns the command line into runner options; throws with the usage on anything unknown. */
export function parseLoadtestFlags(args: string[]): CliOptions {
  const { values } = parseArgs({ args, options: OPTIONS });
  const flag: Flag = (name) => values[name as keyof typeof values];
  return {
    jwtSecret: flag('jwt-secret'),
    outDir: flag('out') ?? 'reports',
    run: {
      baseUrl: flag('base-url') ?? '',
      ...shape(flag),
      queues: queues(flag),
      customers: number('customers', flag('customers')),
      declineShare: number('decline-share', flag('decline-share')),
      skus: flag('skus')
        ?.split(',')
        .map((sku) => sku.trim())
        .filter(Boolean),
      restockUnits: number('restock', flag('restock')),
      connections: number('connections', flag('connections')),
      maxInFlight: number('max-in-flight', flag('max-in-flight')),
      drainTimeoutSeconds: number('drain-timeout', flag('drain-timeout')),
      observerPagesPerSecond: number('observer-pages', flag('observer-pages')),
      seed: optionalNumber('seed', flag('seed')),
      processes: processTargets(flag('process-metrics'), flag('base-url')),
      processIntervalSeconds: number('process-interval', flag('process-interval')),
    },
  };
}

function shape(flag: Flag): Pick<LoadTestOptions, 'profile' | 'phases'> {
  const profile = flag('profile') ?? 'steady';
  if (!isProfileName(profile)) throw new UsageError(`unknown profile ${profile}`);
  const overrides: Partial<ProfileSettings> = {};
  for (const [name, key] of Object.entries(NUMBER_FLAGS)) {
    overrides[key] = optionalNumber(name, flag(name));
  }
  return { profile, phases: buildProfile(profile, overrides) };
}

function queues(flag: Flag): LoadTestOptions['queues'] {
  const endpoint = flag('sqs-endpoint') ?? 'none';
  const mode = flag('queue-mode');
  if (mode !== 'standard' && mode !== 'fifo') {
    throw new UsageError(`--queue-mode must be standard or fifo, got ${mode}`);
  }
  if (endpoint === 'none') return null;
  return {
    endpoint: endpoint === 'aws' ? null : endpoint,
    region: flag('region') ?? 'us-east-1',
    prefix: flag('queue-prefix') ?? '',
    mode,
  };
}

/** Whose memory and handles to sample: the local stack's apps, none, or `name=url` pairs. */
export function processTargets(
  spec: string | undefined,
  baseUrl: string | undefined,
): ProcessTarget[] {
  const choice = spec ?? (baseUrl === DEFAULT_BASE_URL ? 'local' : 'none');
  if (choice === 'none') return [];
  if (choice === 'local') return LOCAL_STACK_PROCESSES;
  return choice.split(',').map((entry) => {
    const [name, url] = entry.includes('=') ? entry.split(/=(.*)/s) : [undefined, entry];
    if (!url || !URL.canParse(url)) {
      throw new UsageError(`--process-metrics takes local, none or name=url pairs, got ${entry}`);
    }
    return { name: name || new URL(url).host, metricsUrl: url };
  });
}

function optionalNumber(name: string, raw: string | undefined): number | undefined {
  return raw === undefined ? undefined : number(name, raw);
}

function number(name: string, raw: string | undefined): number {
  const value = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw new UsageError(`--${name} must be a non-negative number, got ${raw}`);
  }
  return value;
}
