import { createServer } from 'node:net';
import { freePort } from './free-port';

describe('freePort', () => {
  it('never hands out one port twice, though the kernel repeats ports after a close', async () => {
    const ports: number[] = [];
    for (let call = 0; call < 2_000; call++) ports.push(await freePort());

    expect(new Set(ports).size).toBe(ports.length);
  });

  it('hands out a port that a server can then listen on', async () => {
    const port = await freePort();
    const server = createServer();

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });

    expect(server.address()).toEqual(expect.objectContaining({ port }));
    await new Promise((resolve) => server.close(resolve));
  });
});
