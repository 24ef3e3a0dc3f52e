import { parseArgs } from 'node:util';
import {
  configOrExit,
  loadConfig,
  localStackEnvSchema,
  localStackModeEnvSchema,
} from '@conveyor/config';
import { repoRoot } from '@conveyor/dev-stack';
import { runCommand } from '../cli/command-line';
import { LocalStack } from './local-stack';

const USAGE = `usage: npm start
  the whole pipeline on this machine: builds, starts PostgreSQL, SQS and Stripe stand-ins for
  whatever DATABASE_URL, SQS_ENDPOINT and STRIPE_SECRET_KEY do not name, migrates and seeds,
  provisions the queues and runs the four apps (.env.example lists the variables); Ctrl-C stops`;

/** `npm start`: the whole pipeline locally; Ctrl-C stops every process it started. */
async function main(args: string[]): Promise<void> {
  parseArgs({ args, options: {} });
  const stack = configOrExit(
    () =>
      new LocalStack(
        loadConfig(localStackEnvSchema),
        repoRoot(),
        loadConfig(localStackModeEnvSchema),
      ),
  );
  let stopping = false;
  const stop = async (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    console.log(`${reason}: stopping the apps, then the backing services`);
    await stack.stop();
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stop('SIGINT', 0));
  process.on('SIGTERM', () => void stop('SIGTERM', 0));
  try {
    await stack.start();
  } catch (error) {
    console.error(`start failed: ${error instanceof Error ? error.message : String(error)}`);
    await stop('start failed', 1);
  }
}

runCommand(USAGE, main);
