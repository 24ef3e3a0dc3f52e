import type { EmulatorStats } from './emulator.types';

export class RequestStats {
  private requests = new Map<string, number>();
  private errors = new Map<string, number>();
  private dropped = 0;
  private replays = 0;

  recordRequest(label: string): void {
    this.requests.set(label, (this.requests.get(label) ?? 0) + 1);
  }

  recordInjectedError(status: number): void {
    const key = String(status);
    this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
  }

  recordDrop(): void {
    this.dropped += 1;
  }

  recordReplay(): void {
    this.replays += 1;
  }

  snapshot(): EmulatorStats {
    return {
      requests: Object.fromEntries(this.requests),
      faults: { errors: Object.fromEntries(this.errors), droppedAfterCharge: this.dropped },
      idempotentReplays: this.replays,
    };
  }

  reset(): void {
    this.requests = new Map();
    this.errors = new Map();
    this.dropped = 0;
    this.replays = 0;
  }
}
