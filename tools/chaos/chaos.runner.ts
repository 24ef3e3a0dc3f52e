import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ConveyorApp } from '@conveyor/contracts';
import { seededRandom } from '@conveyor/seeded-random';
import { PeriodicTask } from '../loadtest/periodic.task';
import { buildChaosReport, perApp } from './chaos-report.builder';
import type { ChaosReport, ChaosSettings, InvariantResult } from './chaos-report.types';
import { renderChaosHtml } from './chaos-html.renderer';
import { CHAOS_JWT_SECRET, ChaosEnvironment, LIMITED_SKU } from './chaos.environment';
import { ChaosInjector } from './chaos.injector';
import { ChaosLoad } from './chaos.load';
import { buildChaosSchedule, type ChaosEvent } from './chaos.schedule';
import { waitForSettle, type SettleOutcome } from './chaos.settle';
import { DuplicateCounter } from './duplicate.counter';

/** What the auditor is given: the run's own services, and exactly the orders it accepted. */
export interface ChaosAuditScope {
  databaseUrl: string;
  sqsEndpoint: string;
  queuePrefix: string;
  stripeUrl: string;
  stripeKey: string;
  orderIds: string[];
  skus: { sku: string; initial: number }[];
}

export type ChaosAudit = (
  scope: ChaosAuditScope,
) => Promise<{ invariants: InvariantResult[]; exitCode: number }>;

export interface ChaosRunOptions extends ChaosSettings {
  command: string;
  /** A PostgreSQL server to create the run's database on; unset: an embedded one. */
  databaseAdminUrl?: string;
  reportsDir: string;
  relayKillShare?: number;
  cancelShare?: number;
  declineShare?: number;
  audit: ChaosAudit;
  log: (line: string) => void;
}

export interface ChaosRunResult {
  report: ChaosReport;
  jsonPath: string;
  htmlPath: string;
  logPath: string;
}

/**
 * The chaos run: its own stack, the load kit's traffic, the seeded schedule of kills, outages and
 * Stripe faults; then faults off, a wait for the system to settle, the auditor over the accepted
 * orders, and the JSON and HTML report.
 */
export async function runChaos(options: ChaosRunOptions): Promise<ChaosRunResult> {
  const startedAt = new Date().toISOString();
  const stamp = startedAt.replace(/[:.]/g, '-');
  await mkdir(options.reportsDir, { recursive: true });
  const logPath = path.join(options.reportsDir, `${stamp}-apps.log`);
  const env = new ChaosEnvironment({
    databaseAdminUrl: options.databaseAdminUrl,
    logFile: logPath,
    log: options.log,
  });
  options.log(
    `seed ${options.seed} (repeat this run's schedule and orders with --seed ${options.seed})`,
  );
  // Ctrl-C mid-run: stop every process the run started before leaving.
  const interrupted = () => void env.stop().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  await env.start();
  try {
    const facts = await drive(env, options);
    const report = buildChaosReport({ ...facts, startedAt, finishedAt: new Date().toISOString() });
    const base = path.join(options.reportsDir, stamp);
    await writeFile(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(`${base}.html`, renderChaosHtml(report));
    return { report, jsonPath: `${base}.json`, htmlPath: `${base}.html`, logPath };
  } finally {
    options.log('stopping the run stack');
    await env.stop();
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}

async function drive(env: ChaosEnvironment, options: ChaosRunOptions) {
  const warnings: string[] = [];
  const random = seededRandom(options.seed ^ 0xc4a05);
  const duplicates = new DuplicateCounter(env.ports, (app) => livePid(env, app));
  const injector = new ChaosInjector(env, duplicates, random, options.log);
  const schedule = buildChaosSchedule({
    ...options,
    relayKillShare: options.relayKillShare ?? 0.25,
  });
  const load = new ChaosLoad({
    apiUrl: env.apiUrl,
    jwtSecret: CHAOS_JWT_SECRET,
    ratePerSecond: options.ratePerSecond,
    durationSeconds: options.durationSeconds,
    seed: options.seed,
    skus: env.catalog.map((product) => product.sku),
    cancelShare: options.cancelShare ?? 0.08,
    declineShare: options.declineShare ?? 0.1,
  });
  const scraper = new PeriodicTask(1_000, () => duplicates.scrapeAll());
  const origin = performance.now();
  const elapsed = () => Math.round((performance.now() - origin) / 100) / 10;
  options.log(
    `load: ${options.ratePerSecond} orders/s for ${options.durationSeconds} s; ` +
      `${schedule.filter((e) => e.kind === 'kill').length} kills and ` +
      `${schedule.filter((e) => e.kind !== 'kill').length} faults scheduled`,
  );
  let settle: SettleOutcome;
  try {
    const loadDone = load.run();
    await playSchedule(schedule, injector, elapsed, options.log);
    await loadDone;
    await injector.endAll();
    options.log(`load over: ${load.accepted.length} of ${load.offered} orders accepted; settling`);
    settle = await waitForSettle({
      sql: env.sql,
      sqs: env.sqs,
      directory: env.directory,
      orderIds: load.accepted.map((order) => order.id),
      timeoutSeconds: options.settleTimeoutSeconds,
      log: options.log,
    });
  } finally {
    await scraper.stop();
    await load.close();
  }
  await duplicates.scrapeAll();
  options.log(
    settle.settled ? `settled in ${settle.seconds} s; auditing` : 'did not settle; auditing',
  );
  const audit = await options.audit({
    databaseUrl: env.directDatabaseUrl,
    sqsEndpoint: env.sqsEndpoint,
    queuePrefix: env.queuePrefix,
    stripeUrl: env.stripeUrl,
    stripeKey: env.stripeKey,
    orderIds: load.accepted.map((order) => order.id),
    skus: env.catalog.map((product) => ({ sku: product.sku, initial: product.stock })),
  });
  if (duplicates.scrapeErrors > 0) {
    warnings.push(`${duplicates.scrapeErrors} /metrics scrapes failed (an app down or restarting)`);
  }
  if (load.accepted.length < load.offered) {
    warnings.push(
      `${load.offered - load.accepted.length} of ${load.offered} offered orders were not accepted ` +
        `(${load.recorder.clientSkipped} skipped, ${load.api.gaveUp} given up; answers below)`,
    );
  }
  if (!(settle.final.byStatus.OUT_OF_STOCK > 0)) {
    warnings.push(`no order ended OUT_OF_STOCK: ${LIMITED_SKU} never ran out`);
  }
  return {
    command: options.command,
    settings: pickSettings(options),
    database: options.databaseAdminUrl ? ('DATABASE_URL' as const) : ('embedded' as const),
    kills: injector.kills,
    relayKillsAimed: injector.relayAttempts,
    restartsByApp: perApp((app) => env.stack.restarts(app)),
    downtimesMsByApp: perApp((app) => env.stack.downtimesMs(app)),
    faults: injector.faults,
    load: {
      offered: load.offered,
      accepted: load.accepted.length,
      skipped: load.recorder.clientSkipped,
      gaveUp: load.api.gaveUp,
      answers: load.recorder.statusCounts,
      transportErrors: load.recorder.errorCounts,
      clientRetries: load.api.retries,
      retriedOn: load.api.retriedOn,
      cancellations: load.cancels,
    },
    settle,
    duplicatesByApp: duplicates.totals(),
    invariants: audit.invariants,
    auditExitCode: audit.exitCode,
    warnings,
  };
}

/** Fires each event at its moment; kills wait for their target, faults end on their own. */
async function playSchedule(
  schedule: ChaosEvent[],
  injector: ChaosInjector,
  elapsed: () => number,
  log: (line: string) => void,
): Promise<void> {
  const running = new Set<Promise<void>>();
  for (const event of schedule) {
    const wait = event.atSeconds - elapsed();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    const applied = injector
      .apply(event, elapsed)
      .catch((error: unknown) => log(`event at ${event.atSeconds} s failed: ${String(error)}`));
    running.add(applied);
    void applied.finally(() => running.delete(applied));
  }
  await Promise.all([...running]);
}

function livePid(env: ChaosEnvironment, app: ConveyorApp): number | undefined {
  try {
    const child = env.stack.service(app).child;
    return child.exitCode === null && child.signalCode === null ? child.pid : undefined;
  } catch {
    return undefined;
  }
}

function pickSettings(options: ChaosRunOptions): ChaosSettings {
  const { durationSeconds, ratePerSecond, killEverySeconds, faultEveryKills } = options;
  const { maxFaultSeconds, settleTimeoutSeconds, seed } = options;
  return {
    durationSeconds,
    ratePerSecond,
    killEverySeconds,
    faultEveryKills,
    maxFaultSeconds,
    settleTimeoutSeconds,
    seed,
  };
}
