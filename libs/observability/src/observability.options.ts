import type { DestinationStream, LevelWithSilent } from 'pino';

export interface ObservabilityOptions {
  /** Stamped on every log line (`service`) and every metric (`service` label). */
  serviceName: string;
  logLevel: LevelWithSilent;
  /** Human-readable logs for local development; requires the `pino-pretty` package. */
  prettyLogs?: boolean;
  /** Where log lines go instead of stdout: tests capture them here. */
  logDestination?: DestinationStream;
  /** Each readiness check fails after this many ms (READINESS_CHECK_TIMEOUT_MS); default 3000. */
  readinessCheckTimeoutMs?: number;
}

export const OBSERVABILITY_OPTIONS = Symbol('OBSERVABILITY_OPTIONS');
