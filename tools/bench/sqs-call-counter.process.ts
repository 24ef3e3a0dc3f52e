import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '@conveyor/dev-stack';

/** What the emulator answered since it started: calls by action, batch entries, received messages. */
export interface SqsCallCounts {
  calls: Record<string, number>;
  entries: Record<string, number>;
  received: { messages: number; empty: number };
}

export interface CountingSqsEmulator {
  endpoint: string;
  pid: number | undefined;
  counts(): Promise<SqsCallCounts>;
  stop(): Promise<void>;
}

const RUNNER = 'tools/bench/sqs-call-counter.runner.mjs';

/** fauxqs in memory, in its own process, counting every SQS call it serves. */
export async function startCountingSqsEmulator(): Promise<CountingSqsEmulator> {
  const child = fork(path.join(repoRoot(), RUNNER), ['0'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [],
  });
  const port = await listeningPort(child);
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    pid: child.pid,
    counts: async () => {
      const response = await fetch(`${endpoint}/_bench/sqs-calls`);
      return (await response.json()) as SqsCallCounts;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the SQS emulator did not report its port within 15 s'));
    }, 15_000);
    child.once('message', (message: { port?: number }) => {
      clearTimeout(timer);
      if (message.port) resolve(message.port);
      else
        reject(new Error(`unexpected message from the SQS emulator: ${JSON.stringify(message)}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the SQS emulator exited during start (code ${code})`));
    });
  });
}

/** Counts between two snapshots. */
export function diffCounts(after: SqsCallCounts, before: SqsCallCounts): SqsCallCounts {
  const minus = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(a)
        .map(([key, value]) => [key, value - (b[key] ?? 0)] as const)
        .filter(([, value]) => value > 0),
    );
  return {
    calls: minus(after.calls, before.calls),
    entries: minus(after.entries, before.entries),
    received: {
      messages: after.received.messages - before.received.messages,
      empty: after.received.empty - before.received.empty,
    },
  };
}
