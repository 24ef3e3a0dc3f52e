import { dropDatabaseAndCopies } from '@conveyor/dev-stack';

type Cleanup = () => Promise<void>;

/**
 * What global setup started, for global teardown to stop (both run in jest's parent process).
 * The unit and integration projects name the same global setup and teardown. Jest 30 calls a
 * hook once per distinct path, but runs every project's hook by contract, so both are safe to
 * call again: the first setup starts the resources and a later one shares them; the first
 * teardown releases them and a later one finds nothing left.
 */
class TestResources {
  private cleanups: Cleanup[] = [];
  private database?: { adminUrl: string; name: string };
  private started?: Promise<void>;

  /** Runs `start` on the first call only; later calls wait for that same start. */
  startOnce(start: () => Promise<void>): Promise<void> {
    return (this.started ??= start());
  }

  push(cleanup: Cleanup): void {
    this.cleanups.push(cleanup);
  }

  setDatabase(adminUrl: string, name: string): void {
    this.database = { adminUrl, name };
  }

  async release(): Promise<void> {
    const { database, cleanups } = this;
    this.database = undefined;
    this.cleanups = [];
    if (database) await dropDatabaseAndCopies(database.adminUrl, database.name);
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

// Global setup and teardown may load this file in different module registries: share via globalThis.
const KEY = Symbol.for('conveyor.test-resources');
const registry = globalThis as unknown as Record<symbol, TestResources | undefined>;
export const testResources = (registry[KEY] ??= new TestResources());
