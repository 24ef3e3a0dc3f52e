import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { freePort, repoRoot } from '@conveyor/dev-stack';

export interface StripeEmulatorProcess {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * The Stripe emulator in its own process: in the benchmark's process it would share an event
 * loop with the load generator and distort the latencies it measures.
 */
export async function startStripeEmulatorProcess(): Promise<StripeEmulatorProcess> {
  const port = await freePort();
  const script = path.join(repoRoot(), 'dist/tools/stripe-emulator/stripe-emulator.main.js');
  const child = spawn(process.execPath, [script, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the Stripe emulator did not start in 15 s')),
      15_000,
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.includes('listening on')) return;
      clearTimeout(timer);
      resolve();
    });
    void exited.then(() => reject(new Error('the Stripe emulator exited during start')));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
