import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CONVEYOR_APPS, type ConveyorApp } from '@conveyor/dev-stack';
import { buildProfile } from '../loadtest/load-profiles.catalog';
import type { LoadReport } from '../loadtest/load-report.types';
import { runLoadTest } from '../loadtest/load-test.runner';
import { benchLoadOptions } from '../bench/bench-load.options';
import { BenchEnvironment } from '../bench/bench.environment';
import { ORDER_API_CONSUMER_CONCURRENCY } from '../bench/bench.options';
import { startConveyor } from '../bench/conveyor.variant';
import { processTicks, TICKS_PER_SECOND } from '../bench/process-cpu.sampler';
import { waitUntilDrained, type Leftovers } from '../bench/repetition.drain';
import { collectProfile } from './profile-files.collector';

export interface ProfiledRun {
  /** Each app's main-thread .cpuprofile, in `rawDir`. */
  profiles: Record<ConveyorApp, string>;
  rawDir: string;
  /** From the first order sent to the drained pipeline, on the profiles' clock (µs). */
  window: { fromUs: number; toUs: number };
  load: LoadReport;
  leftovers: Leftovers | null;
  /**
   * CPU time per app over the same window from /proc (utime + stime, every thread): what the
   * profile's busy time should come close to on a quiet machine; undefined without /proc.
   */
  processCpuMs: Partial<Record<ConveyorApp, number>>;
}

const PREFIX = 'profile-';
const DRAIN_TIMEOUT_SECONDS = 120;
const LEFTOVER_TIMEOUT_MS = 60_000;

/**
 * The benchmark's stack (its fresh database and catalog, counting fauxqs, Stripe emulator
 * process, and Conveyor's apps as the benchmark tunes them) with every app under
 * `node --cpu-prof`, driven by the load kit at a steady rate until the pipeline has drained.
 * The apps are stopped with SIGTERM: Node writes a profile only when the process exits itself.
 */
export async function runProfiledStack(
  options: { durationSeconds: number; ratePerSecond: number },
  log: (line: string) => void,
): Promise<ProfiledRun> {
  const rawDir = mkdtempSync(path.join(tmpdir(), 'conveyor-profile-'));
  const dirOf = (app: ConveyorApp) => path.join(rawDir, app);
  const env = await BenchEnvironment.start(log);
  try {
    log('starting the four apps under --cpu-prof');
    const running = await startConveyor(env, {
      prefix: PREFIX,
      mode: 'standard',
      apps: CONVEYOR_APPS,
      tuning: {
        consumerConcurrency: 10,
        apiConsumerConcurrency: ORDER_API_CONSUMER_CONCURRENCY,
        poolSize: 10,
        logLevel: 'info',
      },
      nodeArgs: Object.fromEntries(
        CONVEYOR_APPS.map((app) => [app, ['--cpu-prof', `--cpu-prof-dir=${dirOf(app)}`]]),
      ),
    });
    let window: ProfiledRun['window'];
    let load: LoadReport;
    let leftovers: Leftovers | null;
    let processCpuMs: ProfiledRun['processCpuMs'];
    try {
      const cpuAtStart = cpuTicks(running.pids);
      const fromUs = nowUs();
      log(`load: ${options.ratePerSecond} orders/s for ${options.durationSeconds} s, then drain`);
      load = await runLoadTest(
        benchLoadOptions(env, {
          baseUrl: running.apiUrl,
          prefix: PREFIX,
          profile: 'steady',
          phases: buildProfile('steady', {
            rate: options.ratePerSecond,
            durationSeconds: options.durationSeconds,
          }),
          drainTimeoutSeconds: DRAIN_TIMEOUT_SECONDS,
        }),
      );
      leftovers = await waitUntilDrained(env, running.directory, LEFTOVER_TIMEOUT_MS);
      window = { fromUs, toUs: nowUs() };
      processCpuMs = cpuMsSince(cpuAtStart, cpuTicks(running.pids));
    } finally {
      log('stopping the apps (SIGTERM): each writes its profile as it exits');
      await running.stop();
    }
    const profiles = {} as Record<ConveyorApp, string>;
    for (const app of CONVEYOR_APPS) {
      profiles[app] = await collectProfile(dirOf(app), running.pids[app]);
    }
    return { profiles, rawDir, window, load, leftovers, processCpuMs };
  } finally {
    await env.stop();
  }
}

function cpuTicks(pids: Record<string, number | undefined>): Map<ConveyorApp, number | undefined> {
  return new Map(CONVEYOR_APPS.map((app) => [app, pids[app] && processTicks(pids[app])]));
}

function cpuMsSince(
  before: Map<ConveyorApp, number | undefined>,
  after: Map<ConveyorApp, number | undefined>,
): ProfiledRun['processCpuMs'] {
  const used: ProfiledRun['processCpuMs'] = {};
  for (const app of CONVEYOR_APPS) {
    const [start, end] = [before.get(app), after.get(app)];
    if (start !== undefined && end !== undefined) {
      used[app] = ((end - start) * 1000) / TICKS_PER_SECOND;
    }
  }
  return used;
}

/** The monotonic clock V8's profiler stamps samples with, in µs. */
function nowUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}
