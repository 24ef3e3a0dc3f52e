import type { ConveyorApp } from '@conveyor/contracts';

export interface ChaosSettings {
  durationSeconds: number;
  ratePerSecond: number;
  killEverySeconds: number;
  faultEveryKills: number;
  maxFaultSeconds: number;
  settleTimeoutSeconds: number;
  seed: number;
}

export interface FaultFigures {
  count: number;
  totalSeconds: number;
  shortestSeconds: number;
  longestSeconds: number;
}

export interface DowntimeFigures {
  /** Unexpected exits after which the app came back up. */
  count: number;
  totalSeconds: number;
  longestSeconds: number;
}

export interface InvariantResult {
  /** I1 … I8. */
  id: string;
  title: string;
  holds: boolean;
  /** What the auditor said: the violations, or why it could not tell. */
  details: string[];
}

export interface ChaosReport {
  command: string;
  startedAt: string;
  finishedAt: string;
  settings: ChaosSettings;
  database: 'embedded' | 'DATABASE_URL';
  kills: {
    total: number;
    byApp: Record<ConveyorApp, number>;
    /** Kills aimed at a relay: how many caught one holding claimed outbox rows. */
    relayMidPublish: { aimed: number; caught: number };
    restartsByApp: Record<ConveyorApp, number>;
    /**
     * How long the kills kept each app down: from each unexpected exit until the next process
     * answered /health/live (the restart delay and the boot).
     */
    downByApp: Record<ConveyorApp, DowntimeFigures>;
  };
  /** Keyed `postgres:blackhole`, `sqs:cut`, … */
  outages: Record<string, FaultFigures>;
  /** Keyed `http-500`, `http-429`, `slow`, `drop-after-charge`. */
  stripeFaults: Record<string, FaultFigures>;
  orders: {
    /** Arrivals on the run's schedule (rate × duration): sent, or skipped. */
    offered: number;
    /** Answered 202 with an order, after as many retries as it took. */
    accepted: number;
    /** Arrivals never sent because the client already had its cap of requests in flight. */
    skipped: number;
    /** Requests still refused when their retry window closed (their last answer is counted). */
    gaveUp: number;
    /** The final answer to each POST /orders by status (`error:<code>`: no answer at all). */
    answers: Record<string, number>;
    /** Refusals by status and problem code, and transport failures by error code. */
    transportErrors: Record<string, number>;
    /** Requests the client sent again (same Idempotency-Key) after a refused connection or 503. */
    clientRetries: number;
    /** What each retry was answered: status and problem code, or `error:<code>`. */
    retriedOn: Record<string, number>;
    terminalByStatus: Record<string, number>;
    notTerminal: number;
    cancellations: { asked: number; accepted: number; refused: number; failed: number };
  };
  deadLettered: number;
  redriven: number;
  duplicatesSkipped: { total: number; byApp: Record<ConveyorApp, number>; method: string };
  settle: { settled: boolean; seconds: number | null; outboxRows: number; queued: number };
  invariants: InvariantResult[];
  /** The auditor's exit code: 0 all hold, 1 a violation, 2 it could not audit. */
  auditExitCode: number;
  /** 0 when settled and every invariant holds. */
  exitCode: number;
  warnings: string[];
}
