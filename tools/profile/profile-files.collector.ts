import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * The main thread's .cpuprofile of one process: V8 names them
 * `CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile`, and a worker thread (pino's transport, if
 * any) writes its own with a thread id above 0. Node writes the file as the process exits, so it
 * is there once the exit was seen; the short wait covers a slow disk.
 */
export async function collectProfile(dir: string, pid: number | undefined, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = pickProfile(listProfiles(dir), pid);
    if (found) return path.join(dir, found);
    if (Date.now() >= deadline) {
      throw new Error(`no .cpuprofile in ${dir} (was the app killed rather than stopped?)`);
    }
    await delay(200);
  }
}

/** By pid and main thread when known; else the largest file (the main thread does the work). */
export function pickProfile(files: { name: string; size: number }[], pid?: number) {
  const own = files.filter((file) => pid !== undefined && file.name.includes(`.${pid}.0.`));
  const candidates = own.length > 0 ? own : files;
  return [...candidates].sort((a, b) => b.size - a.size)[0]?.name;
}

function listProfiles(dir: string): { name: string; size: number }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => ({ name, size: statSync(path.join(dir, name)).size }))
    .filter((file) => file.size > 0);
}
