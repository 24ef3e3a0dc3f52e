import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ProcessEntry {
  pid: number;
  ppid: number;
  /** The program as started: buildah's helpers run from memory under their own names. */
  argv0: string;
}

/** Every process on the machine, from /proc. Ones that end while it is read are skipped. */
function processTable(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name sits in parentheses and may itself hold spaces or parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const argv0 = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0')[0];
      entries.push({ pid: Number(name), ppid, argv0 });
    } catch {
      // gone meanwhile
    }
  }
  return entries;
}

/**
 * The process a `buildah run` started inside the container: with chroot isolation there is no
 * PID namespace, so it is the first descendant of `buildah run` that is not buildah's own
 * (buildah-chroot-runtime, buildah-chroot-exec).
 */
export function containerMainPid(buildahPid: number): number | undefined {
  const table = processTable();
  let generation = [buildahPid];
  while (generation.length > 0) {
    const children = table.filter((entry) => generation.includes(entry.ppid));
    const main = children.find((entry) => !path.basename(entry.argv0).startsWith('buildah'));
    if (main) return main.pid;
    generation = children.map((entry) => entry.pid);
  }
  return undefined;
}

/** The real, effective, saved and filesystem user ids of a process. */
export function processUids(pid: number): number[] {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const line = status.split('\n').find((entry) => entry.startsWith('Uid:'));
  if (!line) throw new Error(`no Uid line in /proc/${pid}/status`);
  return line.split(/\s+/).slice(1, 5).map(Number);
}
