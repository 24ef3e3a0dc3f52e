// Runs fauxqs (ESM-only, so jest cannot import it) in its own process for startSqsEmulatorProcess.
// argv: <port> [dataDir | --count-calls]. Reports the bound port to the parent over IPC.
import { buildApp, startFauxqs } from 'fauxqs';
import { serveUntilStopped } from './child-runner.mjs';
import { countSqsCalls } from './sqs-call-counter.mjs';

const [portArg, option] = process.argv.slice(2);
const port = Number(portArg ?? 0);

async function start() {
  if (option !== '--count-calls') {
    const server = await startFauxqs({
      port,
      logger: false,
      ...(option ? { dataDir: option } : {}),
    });
    return { port: server.port, stop: () => server.stop() };
  }
  // In memory, with a hook on fauxqs's own HTTP server: startFauxqs does not expose it.
  const app = buildApp({ logger: false });
  countSqsCalls(app);
  await app.listen({ port, host: '127.0.0.1' });
  return { port: app.server.address().port, stop: () => app.close() };
}

const server = await start();
serveUntilStopped(server.stop, { type: 'listening', port: server.port });
