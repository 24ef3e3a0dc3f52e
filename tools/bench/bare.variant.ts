import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { QueueName } from '@conveyor/contracts';
import type { QueueDirectory } from '@conveyor/messaging';
import { APP_NODE_FLAGS, freePort, repoRoot } from '@conveyor/dev-stack';
import { BENCH_STRIPE_KEY, type BenchEnvironment } from './bench.environment';
import { BARE_READY_LINE, BARE_WORKER_QUEUES, type BareProcessConfig } from './bare-process.config';
import { BENCH_JWT_SECRET, type ProcessTuning } from './conveyor.variant';

export interface RunningBare {
  apiUrl: string;
  directory: QueueDirectory;
  pids: Record<string, number | undefined>;
  stop(): Promise<void>;
}

/**
 * The baselines as separate processes, laid out like Conveyor's: the API, and one worker per
 * queue (order-events stands for the order API's consumer). `api` and `workers` pick which run.
 */
export async function startBare(
  env: BenchEnvironment,
  options: { prefix: string; api: boolean; workers: boolean; tuning: ProcessTuning },
): Promise<RunningBare> {
  const directory = await env.provisionQueues(options.prefix, 'standard');
  const queueUrls = Object.fromEntries(
    Object.entries(directory).map(([queue, addresses]) => [queue, addresses.workUrl]),
  ) as Record<QueueName, string>;
  const base: BareProcessConfig = {
    databaseUrl: env.databaseUrl,
    poolSize: options.tuning.poolSize,
    sqsEndpoint: env.sqsEmulator.endpoint,
    queueUrls,
    concurrency: options.tuning.consumerConcurrency,
  };
  const port = await freePort();
  const starts: Promise<StartedBare>[] = [];
  if (options.api) {
    starts.push(startBareProcess('bare-api', { ...base, port, jwtSecret: BENCH_JWT_SECRET }));
  }
  if (options.workers) {
    for (const queue of BARE_WORKER_QUEUES) {
      const stripe = { secretKey: BENCH_STRIPE_KEY, apiBaseUrl: env.stripe.url };
      const concurrency =
        queue === 'order-events'
          ? options.tuning.apiConsumerConcurrency
          : options.tuning.consumerConcurrency;
      starts.push(startBareProcess('bare-worker', { ...base, queue, stripe, concurrency }));
    }
  }
  const settled = await Promise.allSettled(starts);
  const started = settled.flatMap((outcome) =>
    outcome.status === 'fulfilled' ? [outcome.value] : [],
  );
  const stop = async () => void (await Promise.all(started.map((one) => one.stop())));
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  const pids = Object.fromEntries(started.map((one) => [one.name, one.pid]));
  return { apiUrl: `http://127.0.0.1:${port}`, directory, pids, stop };
}

export interface StartedBare {
  name: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/** One baseline process, started with the same Node flags as the apps; resolves once it serves. */
export async function startBareProcess(
  role: 'bare-api' | 'bare-worker',
  config: BareProcessConfig,
): Promise<StartedBare> {
  const name = role === 'bare-api' ? role : `bare-${config.queue}`;
  const script = path.join(repoRoot(), 'dist/tools/bench', `${role}.main.js`);
  // The apps' Node flags, so both pay the same for stack traces and garbage collection.
  const child = spawn(process.execPath, [...APP_NODE_FLAGS, script, JSON.stringify(config)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const output: string[] = [];
  let ready = false;
  // Failures of a running baseline are shown, so a lost order has a visible cause.
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (ready) console.error(`[${name}] ${line}`);
    output.push(line);
    if (output.length > 20) output.shift();
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${role} not ready in 30 s`)), 30_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line !== BARE_READY_LINE) return;
      ready = true;
      clearTimeout(timer);
      resolve();
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${role} exited during start:\n${output.join('\n')}`));
    });
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return { name, pid: child.pid, stop };
}
