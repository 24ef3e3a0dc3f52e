import { startStripeEmulator } from '@conveyor/stripe-emulator';

interface EmulatorArgs {
  port: number;
  host: string;
}

const USAGE =
  'usage: stripe-emulator.main.js [--port N (default 12111)] [--host H (default 127.0.0.1)]';

function parseArgs(argv: string[]): EmulatorArgs {
  const args: EmulatorArgs = { port: 12111, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = inline ?? argv[++i];
    if (flag === '--port' && value !== undefined && /^\d+$/.test(value) && Number(value) < 65536) {
      args.port = Number(value);
    } else if (flag === '--host' && value) {
      args.host = value;
    } else {
      throw new Error(`unexpected argument ${argv[i] ?? flag}\n${USAGE}`);
    }
  }
  return args;
}

async function main(): Promise<void> {
  const emulator = await startStripeEmulator(parseArgs(process.argv.slice(2)));
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

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
