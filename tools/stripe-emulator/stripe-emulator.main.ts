import { startStripeEmulator } from '@conveyor/stripe-emulator';
import { runCommand } from '../cli/command-line';
import { parseEmulatorFlags, USAGE } from './stripe-emulator.flags';

async function main(args: string[]): Promise<void> {
  const options = parseEmulatorFlags(args);
  const emulator = await startStripeEmulator(options);
  console.log(`stripe-emulator listening on ${emulator.url}`);
  if (options.webhook) {
    // The URL only: the signing secret stays out of logs.
    console.log(`stripe-emulator sending signed webhooks to ${options.webhook.url}`);
  }
  const shutdown = () => {
    emulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('stripe-emulator failed to stop', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

runCommand(USAGE, main);
