// Runs fauxqs (ESM-only, so jest cannot import it) in its own process for startSqsEmulatorProcess.
// argv: <port> [dataDir]. Reports the bound port to the parent over IPC.
import { startFauxqs } from 'fauxqs';

const [portArg, dataDir] = process.argv.slice(2);
const server = await startFauxqs({
  port: Number(portArg ?? 0),
  logger: false,
  ...(dataDir ? { dataDir } : {}),
});

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(0);
}

process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
// The parent died without stopping us: do not linger as an orphan holding the port.
process.on('disconnect', () => void shutdown());
process.send?.({ type: 'listening', port: server.port });
