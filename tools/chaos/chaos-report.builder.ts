import { CONVEYOR_APPS, type ConveyorApp } from '@conveyor/contracts';
import type { FaultRecord, KillRecord } from './chaos.injector';
import type {
  ChaosReport,
  ChaosSettings,
  DowntimeFigures,
  FaultFigures,
  InvariantResult,
} from './chaos-report.types';
import { TERMINAL_STATUSES, type SettleOutcome } from './chaos.settle';

export interface ChaosRunFacts {
  command: string;
  startedAt: string;
  finishedAt: string;
  settings: ChaosSettings;
  database: ChaosReport['database'];
  kills: KillRecord[];
  relayKillsAimed: number;
  restartsByApp: Record<ConveyorApp, number>;
  downtimesMsByApp: Record<ConveyorApp, number[]>;
  faults: FaultRecord[];
  load: {
    offered: number;
    accepted: number;
    skipped: number;
    gaveUp: number;
    answers: Record<string, number>;
    transportErrors: Record<string, number>;
    clientRetries: number;
    retriedOn: Record<string, number>;
    cancellations: ChaosReport['orders']['cancellations'];
  };
  settle: SettleOutcome;
  duplicatesByApp: Record<ConveyorApp, number>;
  invariants: InvariantResult[];
  auditExitCode: number;
  warnings: string[];
}

export const DUPLICATES_METHOD =
  'conveyor_messages_duplicate_total summed over every app process: each app scraped every ' +
  'second and just before each kill, the last reading of a killed process banked. A lower ' +
  'bound: duplicates a process skipped after its last scrape died with it.';

/** The report's figures from what the run recorded; pure, so every figure is checked by a spec. */
export function buildChaosReport(facts: ChaosRunFacts): ChaosReport {
  const byApp = countBy(facts.kills, (kill) => kill.app);
  const final = facts.settle.final;
  const allHold = facts.invariants.length > 0 && facts.invariants.every((result) => result.holds);
  return {
    command: facts.command,
    startedAt: facts.startedAt,
    finishedAt: facts.finishedAt,
    settings: facts.settings,
    database: facts.database,
    kills: {
      total: facts.kills.length,
      byApp: perApp((app) => byApp[app] ?? 0),
      relayMidPublish: {
        aimed: facts.relayKillsAimed,
        caught: facts.kills.filter((kill) => kill.relayMidPublish).length,
      },
      restartsByApp: facts.restartsByApp,
      downByApp: perApp((app) => downtime(facts.downtimesMsByApp[app])),
    },
    outages: figures(
      facts.faults.filter((fault) => fault.target !== 'stripe'),
      true,
    ),
    stripeFaults: figures(
      facts.faults.filter((fault) => fault.target === 'stripe'),
      false,
    ),
    orders: {
      offered: facts.load.offered,
      accepted: facts.load.accepted,
      skipped: facts.load.skipped,
      gaveUp: facts.load.gaveUp,
      answers: facts.load.answers,
      transportErrors: facts.load.transportErrors,
      clientRetries: facts.load.clientRetries,
      retriedOn: facts.load.retriedOn,
      terminalByStatus: Object.fromEntries(
        TERMINAL_STATUSES.map((status) => [status, final.byStatus[status] ?? 0]),
      ),
      notTerminal: final.notTerminal,
      cancellations: facts.load.cancellations,
    },
    deadLettered:
      facts.settle.deadLettered + (facts.settle.redriveRounds === 0 ? final.deadLettered : 0),
    redriven: facts.settle.redriven,
    duplicatesSkipped: {
      total: CONVEYOR_APPS.reduce((sum, app) => sum + facts.duplicatesByApp[app], 0),
      byApp: facts.duplicatesByApp,
      method: DUPLICATES_METHOD,
    },
    settle: {
      settled: facts.settle.settled,
      seconds: facts.settle.seconds,
      outboxRows: final.outboxRows,
      queued: final.queued,
    },
    invariants: facts.invariants,
    auditExitCode: facts.auditExitCode,
    exitCode: facts.settle.settled && allHold && facts.auditExitCode === 0 ? 0 : 1,
    warnings: facts.warnings,
  };
}

function figures(faults: FaultRecord[], withTarget: boolean): Record<string, FaultFigures> {
  const result: Record<string, FaultFigures> = {};
  for (const fault of faults) {
    const key = withTarget ? `${fault.target}:${fault.kind}` : fault.kind;
    const entry = (result[key] ??= {
      count: 0,
      totalSeconds: 0,
      shortestSeconds: Infinity,
      longestSeconds: 0,
    });
    entry.count++;
    entry.totalSeconds = Math.round((entry.totalSeconds + fault.seconds) * 10) / 10;
    entry.shortestSeconds = Math.min(entry.shortestSeconds, fault.seconds);
    entry.longestSeconds = Math.max(entry.longestSeconds, fault.seconds);
  }
  return result;
}

function downtime(periodsMs: number[]): DowntimeFigures {
  const seconds = (ms: number) => Math.round(ms / 100) / 10;
  return {
    count: periodsMs.length,
    totalSeconds: seconds(periodsMs.reduce((sum, ms) => sum + ms, 0)),
    longestSeconds: seconds(Math.max(0, ...periodsMs)),
  };
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** One value for each app, in the apps' order. */
export function perApp<T>(value: (app: ConveyorApp) => T): Record<ConveyorApp, T> {
  return Object.fromEntries(CONVEYOR_APPS.map((app) => [app, value(app)])) as Record<
    ConveyorApp,
    T
  >;
}
