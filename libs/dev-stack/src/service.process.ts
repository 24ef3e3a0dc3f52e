import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from './repo-root';
import { waitFor } from './wait-for';

export interface ServiceProcessOptions {
  /** The app folder under apps/, e.g. `payment-worker`. */
  app: string;
  /** The compiled entry point under the app, `main` or `migrate`. */
  entry?: 'main' | 'migrate';
  args?: string[];
  /** Node.js flags before the script, e.g. `--cpu-prof` (after APP_NODE_FLAGS, always on). */
  nodeArgs?: string[];
  env: Record<string, string | undefined>;
  /** The directory holding the built `dist/` (default: this repository). */
  root?: string;
  /** Receives every output line; the local stack prefixes them, tests keep them for failures. */
  onLine?: (line: string) => void;
}

export interface ServiceProcess {
  readonly app: string;
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  /** Whether stop() or kill() asked it to exit (an exit without that is unexpected). */
  readonly exitRequested: boolean;
  /** Resolves once stdout and stderr have both ended (after the exit, their last lines read). */
  readonly outputEnded: Promise<void>;
  /** The last lines the process printed, for error messages. */
  recentOutput(): string;
  /** SIGTERM and wait: the app drains in-flight work and exits. */
  stop(timeoutMs?: number): Promise<number | null>;
  /** SIGKILL: a crash, nothing drained. */
  kill(): Promise<number | null>;
}

/**
 * The Node.js flags every app runs with, here and in the images (infra/docker/Dockerfile; a test
 * keeps the two alike). Both keep memory down without costing CPU per order that the benchmark
 * could see (docs/performance.md, Memory):
 * - The young generation is capped at 16 MB per semi-space, Node 20's size: on a machine with
 *   gigabytes free, Node 24 lets each semi-space reach 64 MB, which kept 128 MB of every app
 *   resident (RSS under the pipeline's load 270–340 MB → 210–230 MB).
 * - The old generation may grow by 20 % past what the last full collection kept, not the up to
 *   4× V8 allows a process whose collections are fast: under a thousand orders a second the
 *   order API's heap swung between 70 and 160 MB and its RSS reached 290–390 MB (→ 206–225 MB).
 * Source maps are not a flag: each app's main.ts turns them on for this repository's code only.
 */
export const APP_NODE_FLAGS: readonly string[] = [
  '--max-semi-space-size=16',
  '--heap-growing-percent=20',
];

/** Runs one compiled app (from dist/) as its own process, as it runs in production. */
export function startServiceProcess(options: ServiceProcessOptions): ServiceProcess {
  const file = options.entry === 'migrate' ? 'migrate.main.js' : 'main.js';
  const script = path.join(options.root ?? repoRoot(), 'dist/apps', options.app, 'src', file);
  const nodeArgs = [...APP_NODE_FLAGS, ...(options.nodeArgs ?? [])];
  const child = spawn(process.execPath, [...nodeArgs, script, ...(options.args ?? [])], {
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const recent: string[] = [];
  const ends = [child.stdout, child.stderr].map((stream) => {
    const lines = createInterface({ input: stream });
    lines.on('line', (line) => {
      recent.push(line);
      if (recent.length > 30) recent.shift();
      options.onLine?.(line);
    });
    return new Promise<void>((resolve) => lines.once('close', resolve));
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  let exitRequested = false;
  const signal = async (name: NodeJS.Signals, timeoutMs: number) => {
    if (child.exitCode !== null || child.signalCode !== null) return exited;
    exitRequested = true;
    child.kill(name);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  return {
    app: options.app,
    child,
    exited,
    get exitRequested() {
      return exitRequested;
    },
    outputEnded: Promise.all(ends).then(() => undefined),
    recentOutput: () => recent.join('\n'),
    stop: (timeoutMs = 30_000) => signal('SIGTERM', timeoutMs),
    kill: () => signal('SIGKILL', 5_000),
  };
}

/** Resolves once the app's readiness probe answers 200; fails early if the process exits. */
export async function waitUntilReady(service: ServiceProcess, port: number, timeoutMs = 60_000) {
  let exit: { code: number | null } | undefined;
  void service.exited.then((code) => (exit = { code }));
  const outcome = await waitFor(
    async () => {
      if (exit) return exit;
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
      return response.status === 200 ? 'ready' : undefined;
    },
    { timeoutMs, intervalMs: 200, description: `${service.app} to be ready on port ${port}` },
  );
  if (outcome !== 'ready') {
    throw new Error(
      `${service.app} exited with ${outcome.code} before ready:\n${service.recentOutput()}`,
    );
  }
}

/** Whether the app on this port is up and serving HTTP (its liveness probe answers 200). */
export async function answersLive(port: number): Promise<boolean> {
  const url = `http://127.0.0.1:${port}/health/live`;
  const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
  await response.body?.cancel();
  return response.status === 200;
}

/** Runs an app's migrate entry point to completion. */
export async function runMigrateProcess(
  options: Omit<ServiceProcessOptions, 'entry'>,
): Promise<void> {
  const lines: string[] = [];
  const migrate = startServiceProcess({
    ...options,
    entry: 'migrate',
    onLine: (line) => (options.onLine ?? ((l: string) => lines.push(l)))(line),
  });
  const code = await migrate.exited;
  if (code !== 0)
    throw new Error(`${options.app} migrations failed (${code}):\n${lines.join('\n')}`);
}
