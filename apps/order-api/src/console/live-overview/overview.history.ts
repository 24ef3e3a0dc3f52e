import type { OverviewSnapshot } from './overview.snapshot';

/** The last few minutes of snapshots, oldest first, for the sparklines. */
export class OverviewHistory {
  private readonly snapshots: OverviewSnapshot[] = [];

  constructor(private readonly capacity: number) {}

  push(snapshot: OverviewSnapshot): void {
    this.snapshots.push(snapshot);
    if (this.snapshots.length > this.capacity) this.snapshots.shift();
  }

  get latest(): OverviewSnapshot | undefined {
    return this.snapshots.at(-1);
  }

  /** One figure across the history; null where it was not known. */
  series(read: (snapshot: OverviewSnapshot) => number | null | undefined): (number | null)[] {
    return this.snapshots.map((snapshot) => read(snapshot) ?? null);
  }
}
