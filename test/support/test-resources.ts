import { dropDatabaseAndCopies } from '@conveyor/testing';

type Cleanup = () => Promise<void>;

/** What global setup started, for global teardown to stop (both run in jest's parent process). */
class TestResources {
  private readonly cleanups: Cleanup[] = [];
  private database?: { adminUrl: string; name: string };

  push(cleanup: Cleanup): void {
    this.cleanups.push(cleanup);
  }

  setDatabase(adminUrl: string, name: string): void {
    this.database = { adminUrl, name };
  }

  async release(): Promise<void> {
    if (this.database) await dropDatabaseAndCopies(this.database.adminUrl, this.database.name);
    for (const cleanup of this.cleanups.reverse()) await cleanup();
  }
}

// Global setup and teardown may load this file in different module registries: share via globalThis.
const KEY = Symbol.for('conveyor.test-resources');
const registry = globalThis as unknown as Record<symbol, TestResources | undefined>;
export const testResources = (registry[KEY] ??= new TestResources());
