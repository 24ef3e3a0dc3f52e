import { percentiles } from './latency.percentiles';
import type { Percentiles } from './load-report.types';

export interface WindowFigures {
  offered: number;
  accepted: number;
  statusCounts: Record<string, number>;
  apiLatencyMs: Percentiles | null;
}

/**
 * Counts what the order traffic did, both for the current one-second window (taken and reset by
 * the sampler every second) and for the whole run.
 */
export class SecondWindowRecorder {
  requestsSent = 0;
  accepted = 0;
  clientSkipped = 0;
  readonly statusCounts: Record<string, number> = {};
  readonly errorCounts: Record<string, number> = {};
  readonly latenciesMs: number[] = [];
  private window = emptyWindow();

  recordSent(): void {
    this.requestsSent++;
    this.window.offered++;
  }

  recordSkipped(): void {
    this.clientSkipped++;
  }

  /** An HTTP answer; `problemCode` is the problem+json `code` of a refusal, when there is one. */
  recordAnswer(status: number, latencyMs: number, accepted: boolean, problemCode?: string): void {
    this.count(String(status));
    this.latenciesMs.push(latencyMs);
    this.window.latencies.push(latencyMs);
    if (accepted) {
      this.accepted++;
      this.window.accepted++;
      return;
    }
    const key = problemCode ? `${status} ${problemCode}` : String(status);
    this.errorCounts[key] = (this.errorCounts[key] ?? 0) + 1;
  }

  /** No HTTP answer at all: refused connection, timeout, reset. */
  recordFailure(code: string): void {
    const key = `error:${code}`;
    this.count(key);
    this.errorCounts[key] = (this.errorCounts[key] ?? 0) + 1;
  }

  takeWindow(): WindowFigures {
    const { offered, accepted, statusCounts, latencies } = this.window;
    this.window = emptyWindow();
    return { offered, accepted, statusCounts, apiLatencyMs: percentiles(latencies) };
  }

  private count(key: string): void {
    this.statusCounts[key] = (this.statusCounts[key] ?? 0) + 1;
    this.window.statusCounts[key] = (this.window.statusCounts[key] ?? 0) + 1;
  }
}

function emptyWindow() {
  return {
    offered: 0,
    accepted: 0,
    statusCounts: {} as Record<string, number>,
    latencies: [] as number[],
  };
}
