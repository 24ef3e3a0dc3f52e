import { parseArgs } from 'node:util';
import { startStripeEmulator } from '@conveyor/stripe-emulator';
import { runCommand, UsageError } from '../cli/command-line';

const USAGE = `usage: node dist/tools/stripe-emulator/stripe-emulator.main.js [--port 12111] [--host 127.0.0.1]
  the local Stripe API emulator (docs: libs/stripe-emulator); --host 0.0.0.0 in a container`;

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535)
    throw new UsageError(`--port must be 0 to 65535, got ${raw}`);
  return port;
}

async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '12111' },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  const emulator = await startStripeEmulator({ port: parsePort(values.port), host: values.host });
  console.log(`stripe-emulator listening on ${emulator.url}`);
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
