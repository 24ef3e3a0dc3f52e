// Shared by the stand-ins' runners (embedded PostgreSQL, fauxqs), each an ESM-only package run in
// its own process: tell the parent it is ready, and stop cleanly, once, when asked or orphaned.
export function serveUntilStopped(stop, readyMessage) {
  let stopping = false;
  async function shutdown() {
    if (stopping) return;
    stopping = true;
    await stop();
    process.exit(0);
  }
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
  // The parent died without stopping us: do not linger as an orphan holding the port.
  process.on('disconnect', () => void shutdown());
  process.send?.(readyMessage);
}
