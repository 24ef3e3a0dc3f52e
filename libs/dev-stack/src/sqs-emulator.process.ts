import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { repoRoot } from './repo-root';
import { waitFor } from './wait-for';

export interface SqsEmulatorOptions {
  /** 0 or omitted: the emulator binds a free port and reports it. */
  port?: number;
  /** Persist queues and messages in SQLite here, so they survive kill() and a restart. */
  dataDir?: string;
  /**
   * In memory, counting every SQS call it answers (for the benchmark): GET /_bench/sqs-calls
   * on the endpoint returns the counts. Not with `dataDir`.
   */
  countCalls?: boolean;
  /** Deadline for the emulator to answer ListQueues. */
  startTimeoutMs?: number;
}

export interface SqsEmulatorProcess {
  endpoint: string;
  port: number;
  pid: number | undefined;
  /** Graceful stop (SIGTERM, SIGKILL after a deadline); resolves once the process exited. */
  stop(): Promise<void>;
  /** Simulates a crash: SIGKILL, no cleanup. */
  kill(): void;
}

export const SQS_EMULATOR_REGION = 'us-east-1';
export const SQS_EMULATOR_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
const RUNNER = 'libs/dev-stack/src/sqs-emulator.runner.mjs';
const STOP_TIMEOUT_MS = 5_000;

/**
 * Starts the fauxqs SQS emulator as a child process and resolves once it answers requests.
 * The runner is referenced from the repository root so this works from source and from dist.
 */
export async function startSqsEmulatorProcess(
  options: SqsEmulatorOptions = {},
): Promise<SqsEmulatorProcess> {
  const option = options.countCalls ? '--count-calls' : options.dataDir;
  const args = [String(options.port ?? 0), ...(option ? [option] : [])];
  const child = fork(path.join(repoRoot(), RUNNER), args, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [],
  });
  const deadline = Date.now() + (options.startTimeoutMs ?? 15_000);
  try {
    const port = await waitForListening(child, deadline);
    const endpoint = `http://127.0.0.1:${port}`;
    await waitUntilAnswering(endpoint, deadline);
    return {
      endpoint,
      port,
      pid: child.pid,
      stop: () => stopChild(child),
      kill: () => void child.kill('SIGKILL'),
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

function waitForListening(child: ChildProcess, deadline: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('SQS emulator did not report a port in time')),
      Math.max(0, deadline - Date.now()),
    );
    child.once('message', (message: { type?: string; port?: number }) => {
      clearTimeout(timer);
      if (message.type === 'listening' && message.port) resolve(message.port);
      else reject(new Error(`unexpected message from SQS emulator: ${JSON.stringify(message)}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`SQS emulator exited during start (code ${code}, signal ${signal})`));
    });
  });
}

async function waitUntilAnswering(endpoint: string, deadline: number): Promise<void> {
  const sqs = new SQSClient({
    region: SQS_EMULATOR_REGION,
    endpoint,
    credentials: SQS_EMULATOR_CREDENTIALS,
    maxAttempts: 1,
  });
  try {
    await waitFor(() => sqs.send(new ListQueuesCommand({})).then(() => true), {
      timeoutMs: Math.max(0, deadline - Date.now()),
      intervalMs: 50,
      description: `the SQS emulator at ${endpoint} to answer ListQueues`,
    });
  } finally {
    sqs.destroy();
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const forceKill = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(forceKill);
}
