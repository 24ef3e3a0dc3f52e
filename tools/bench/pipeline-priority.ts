import { readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import type { Pool } from 'pg';

/**
 * Lowers the CPU priority of the pipeline (the worker processes and their PostgreSQL sessions)
 * for the spike, standing in for the cores a deployment gives the API apart from the workers.
 * Sessions are looked up by application_name every half second, since pools open connections as
 * load rises; a session is reniced only when its pid is a local `postgres` process.
 */
export function lowerPipelinePriority(
  sql: Pool,
  databaseName: string,
  workers: Record<string, number | undefined>,
  nice: number,
): { stop(): Promise<void> } {
  if (nice === 0) return { stop: () => Promise.resolve() };
  for (const pid of Object.values(workers)) if (pid) setPriority(pid, nice);
  const reniced = new Set<number>();
  const renice = async () => {
    const { rows } = await sql.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = ANY($2)`,
      [databaseName, Object.keys(workers)],
    );
    for (const { pid } of rows) {
      if (reniced.has(pid) || !isLocalPostgres(pid)) continue;
      setPriority(pid, nice);
      reniced.add(pid);
    }
  };
  let running = renice();
  const timer = setInterval(() => {
    running = running.then(renice, renice);
  }, 500);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

function isLocalPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
  } catch {
    return false;
  }
}
