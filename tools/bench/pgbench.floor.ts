import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { inheritedEnvironment } from '@conveyor/config';
import type { BenchEnvironment } from './bench.environment';
import { floorOrderSql, typicalFloorOrder, type FloorSlot } from './floor-order.sql';
import { SHARED_PROCESSES } from './process-memory.sampler';
import type { WindowMeasures } from './window.meter';

/** Where pgbench is, or why there is none. */
export type PgbenchLocation = { path: string } | { path: null; reason: string };

/**
 * pgbench from Debian's PostgreSQL packages (outside PATH: /usr/lib/postgresql/<version>/bin,
 * the newest first), else the first on PATH.
 */
export function findPgbench(searchPath = inheritedEnvironment().PATH ?? ''): PgbenchLocation {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).sort((a, b) => Number(b) - Number(a) || b.localeCompare(a))
    : [];
  const candidates = [
    ...versions.map((version) => path.join(root, version, 'bin', 'pgbench')),
    ...searchPath
      .split(path.delimiter)
      .filter(Boolean)
      .map((dir) => path.join(dir, 'pgbench')),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  return found
    ? { path: found }
    : { path: null, reason: `not available (no pgbench in ${root}/*/bin or on PATH)` };
}

/**
 * A value as pgbench may read it: pgbench takes `:name` anywhere in a statement for a variable,
 * literals included, so no colon may come before a letter or a digit. Text is written as an
 * escape string with `\x3a` for such a colon; JSON with `\u003a` in its strings and a space after
 * its own colons. Either way PostgreSQL stores the value unchanged.
 */
export function pgbenchLiteral(value: unknown): string {
  if (typeof value === 'string') {
    const escaped = value.replace(/\\/g, '\\\\').replace(/'/g, "''");
    return `E'${escaped.replace(COLON_BEFORE_NAME, '\\x3a')}'`;
  }
  // Indented JSON has ": " after every key; its line breaks are the only raw ones.
  const json = JSON.stringify(value, null, 1).replace(/\n */g, '');
  return `'${json.replace(COLON_BEFORE_NAME, '\\u003a').replace(/'/g, "''")}'`;
}

const COLON_BEFORE_NAME = /:(?=[\w\u0080-\uffff])/g;

/** The custom script: the floor's one statement, fresh ids from PostgreSQL, one customer per client. */
export function pgbenchScript(): string {
  const order = typicalFloorOrder('floor');
  const generated: Partial<Record<FloorSlot, string>> = {
    orderId: 'gen_random_uuid()',
    outboxId: 'gen_random_uuid()',
    key: 'gen_random_uuid()::text',
    customerId: `('floor-pgbench-' || :client_id)`,
  };
  return `${floorOrderSql((slot) => generated[slot] ?? pgbenchLiteral(order[slot]))};\n`;
}

/** One `-P 1` report: `progress: 3.0 s, 1234.5 tps, lat …`. */
export function parsePgbenchProgress(line: string): { at: number; tps: number } | null {
  const match = /^progress: ([\d.]+) s, ([\d.]+) tps/.exec(line);
  return match ? { at: Number(match[1]), tps: Number(match[2]) } : null;
}

/** Transactions per second over the seconds after `from` up to `to`, from the progress reports. */
export function windowRate(progress: { at: number; tps: number }[], from: number, to: number) {
  const inside = progress.filter((report) => report.at > from && report.at <= to + 0.01);
  if (inside.length === 0) return Number.NaN;
  return inside.reduce((sum, report) => sum + report.tps, 0) / inside.length;
}

/** The summary's `number of transactions actually processed: N` (or `N/M` with -t). */
export function parsePgbenchTotal(output: string): number {
  const match = /^number of transactions actually processed: (\d+)/m.exec(output);
  return match ? Number(match[1]) : Number.NaN;
}

export interface PgbenchResult {
  transactionsPerSecond: number;
  /** Every transaction of the run, warm-up included. */
  transactions: number;
  measures: WindowMeasures;
}

/**
 * pgbench at `clients` connections for the warm-up and the window (whole seconds); its progress
 * reports start and stop the window's readings, so they cover the same seconds as its rate.
 */
export async function runPgbench(
  env: BenchEnvironment,
  pgbench: string,
  options: { clients: number; warmupSeconds: number; durationSeconds: number },
): Promise<PgbenchResult> {
  const warmup = Math.max(1, Math.ceil(options.warmupSeconds));
  const duration = Math.max(1, Math.round(options.durationSeconds));
  const dir = mkdtempSync(path.join(tmpdir(), 'conveyor-bench-pgbench-'));
  const script = path.join(dir, 'floor-order.sql');
  writeFileSync(script, pgbenchScript());
  const threads = Math.min(options.clients, cpus().length);
  const args = ['-n', '-M', 'prepared', '-P', '1', '-T', String(warmup + duration + 1)];
  args.push('-c', String(options.clients), '-j', String(threads), '-f', script, env.databaseUrl);
  const child = spawn(pgbench, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...inheritedEnvironment(), PGAPPNAME: 'pgbench' },
  });
  try {
    return await followProgress(env, child, warmup, duration);
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function followProgress(
  env: BenchEnvironment,
  child: ReturnType<typeof spawn>,
  warmup: number,
  duration: number,
): Promise<PgbenchResult> {
  const meter = env.meter({ [SHARED_PROCESSES.pgbench]: child.pid });
  const progress: { at: number; tps: number }[] = [];
  const output: string[] = [];
  const window: { started?: Promise<void>; stopped?: Promise<WindowMeasures> } = {};
  createInterface({ input: child.stderr! }).on('line', (line) => {
    output.push(line);
    const report = parsePgbenchProgress(line);
    if (!report) return;
    progress.push(report);
    if (!window.started && report.at >= warmup) window.started = meter.start();
    else if (window.started && !window.stopped && report.at >= warmup + duration) {
      window.stopped = window.started.then(() => meter.stop());
    }
  });
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  // `close`, not `exit`: the summary on stdout must have been read.
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (!window.stopped) {
    // A window that started must still stop, or its memory sampling would go on.
    if (window.started) await window.started.then(() => meter.stop());
    const tail = output.slice(-8).join('\n');
    throw new Error(`pgbench exited with ${code} before its window ended:\n${tail}`);
  }
  return {
    transactionsPerSecond: windowRate(progress, warmup, warmup + duration),
    transactions: parsePgbenchTotal(output.join('\n')),
    measures: await window.stopped,
  };
}
