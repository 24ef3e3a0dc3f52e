import {
  configOrExit,
  loadConfig,
  localStackEnvSchema,
  localStackModeEnvSchema,
} from '@conveyor/config';
import { repoRoot } from '@conveyor/dev-stack';
import { LocalStack } from './local-stack';

/** `npm start`: the whole pipeline locally; Ctrl-C stops every process it started. */
const stack = configOrExit(
  () =>
    new LocalStack(
      loadConfig(localStackEnvSchema),
      repoRoot(),
      loadConfig(localStackModeEnvSchema),
    ),
);
let stopping = false;

async function stop(reason: string, exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${reason}: stopping the apps, then the backing services`);
  await stack.stop();
  process.exit(exitCode);
}

process.on('SIGINT', () => void stop('SIGINT', 0));
process.on('SIGTERM', () => void stop('SIGTERM', 0));
stack.start().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  void stop('start failed', 1);
});
