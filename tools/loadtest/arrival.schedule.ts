import type { LoadPhase } from './load-report.types';

/**
 * An open workload: arrivals follow the clock, not the server's answers, so a slow server faces
 * the same offered load a crowd of shoppers would put on it (no coordinated omission).
 */
export class ArrivalSchedule {
  readonly totalSeconds: number;

  constructor(private readonly phases: readonly LoadPhase[]) {
    this.totalSeconds = phases.reduce((sum, phase) => sum + phase.durationSeconds, 0);
  }

  /** How many orders should have been sent `elapsedSeconds` into the run. */
  arrivalsBy(elapsedSeconds: number): number {
    let remaining = Math.min(Math.max(elapsedSeconds, 0), this.totalSeconds);
    let arrivals = 0;
    for (const phase of this.phases) {
      const within = Math.min(remaining, phase.durationSeconds);
      const end = phase.endRatePerSecond ?? phase.ratePerSecond;
      const slope = (end - phase.ratePerSecond) / phase.durationSeconds;
      arrivals += phase.ratePerSecond * within + (slope * within * within) / 2;
      remaining -= within;
      if (remaining <= 0) break;
    }
    return Math.floor(arrivals + 1e-9);
  }

  /** The phase and the target rate at a moment; after the end, the last phase. */
  at(elapsedSeconds: number): { phase: string; rate: number } {
    let start = 0;
    for (const phase of this.phases) {
      if (elapsedSeconds < start + phase.durationSeconds) {
        const end = phase.endRatePerSecond ?? phase.ratePerSecond;
        const share = (elapsedSeconds - start) / phase.durationSeconds;
        return {
          phase: phase.name,
          rate: phase.ratePerSecond + (end - phase.ratePerSecond) * share,
        };
      }
      start += phase.durationSeconds;
    }
    return { phase: 'drain', rate: 0 };
  }

  /** Where each phase starts and ends, for shading the charts. */
  bands(): { name: string; from: number; to: number }[] {
    let start = 0;
    return this.phases.map((phase) => {
      const band = { name: phase.name, from: start, to: start + phase.durationSeconds };
      start = band.to;
      return band;
    });
  }
}
