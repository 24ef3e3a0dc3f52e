import { connect, createServer, type Server, type Socket } from 'node:net';
import { waitFor } from '@conveyor/dev-stack';
import { TcpProxy } from './tcp.proxy';

/** A client socket through the proxy that collects what it reads and how it ended. */
class Peer {
  received = Buffer.alloc(0);
  ended?: 'closed' | 'error';
  readonly socket: Socket;

  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.on(
      'data',
      (chunk: Buffer) => (this.received = Buffer.concat([this.received, chunk])),
    );
    this.socket.on('error', () => (this.ended ??= 'error'));
    this.socket.on('close', () => (this.ended ??= 'closed'));
  }

  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once('connect', resolve);
      this.socket.once('error', reject);
    });
  }

  text(): string {
    return this.received.toString();
  }
}

describe('TcpProxy', () => {
  let echo: Server;
  let proxy: TcpProxy;
  const peers: Peer[] = [];

  const peer = async () => {
    const created = new Peer(proxy.port);
    peers.push(created);
    await created.connected();
    return created;
  };

  beforeEach(async () => {
    // Answers every chunk with "echo:<chunk>", as a server answers a request.
    echo = createServer((socket) =>
      socket.on('data', (chunk) => socket.write(`echo:${chunk.toString()}`)),
    );
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const address = echo.address();
    proxy = await TcpProxy.start(typeof address === 'object' && address ? address.port : 0);
  });

  afterEach(async () => {
    for (const created of peers.splice(0)) created.socket.destroy();
    await proxy.stop();
    await new Promise<void>((resolve) => echo.close(() => resolve()));
  });

  it('forwards both ways while no fault is in force', async () => {
    const client = await peer();
    client.socket.write('hello');
    await waitFor(() => client.text() === 'echo:hello', { description: 'the echo' });
  });

  it('refuses connections, then listens on the same port again', async () => {
    const before = proxy.port;
    await proxy.inject({ kind: 'refuse' });
    await expect(new Peer(proxy.port).connected()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await proxy.restore();
    expect(proxy.port).toBe(before);
    const client = await peer();
    client.socket.write('back');
    await waitFor(() => client.text() === 'echo:back', { description: 'the echo after restore' });
  });

  it('accepts and stays silent in a blackhole, and resets the silenced connection after', async () => {
    const client = await peer();
    await proxy.inject({ kind: 'blackhole' });
    client.socket.write('anyone?');
    const fresh = await peer();
    fresh.socket.write('hello?');
    await waitFor(() => proxy.dropped === 'anyone?hello?'.length, { description: 'both dropped' });
    // Silence is an absence: the proof that the chunks were dropped is what restore() finds.
    await proxy.restore();
    await waitFor(() => client.ended && fresh.ended, { description: 'the silenced links reset' });
    expect(client.text()).toBe('');
    expect(fresh.text()).toBe('');
    const next = await peer();
    next.socket.write('now');
    await waitFor(() => next.text() === 'echo:now', { description: 'a new connection forwarded' });
  });

  it('delays every chunk under latency and keeps their order', async () => {
    await proxy.inject({ kind: 'latency', ms: 150 });
    const client = await peer();
    client.socket.write('a');
    await waitFor(() => client.text() === 'echo:a', { description: 'the delayed echo' });
    client.socket.write('b');
    await proxy.restore();
    client.socket.write('c');
    // TCP may join b and c into one chunk: what matters is that nothing overtook.
    const order = () => client.text().replaceAll('echo:', '');
    await waitFor(() => order() === 'abc', { description: 'a, b, then c' });
  });

  it('cuts a response midway: half the answer arrives, then the connection is reset', async () => {
    const client = await peer();
    await proxy.inject({ kind: 'cut' });
    client.socket.write('0123456789');
    await waitFor(() => client.ended, { description: 'the cut connection to end' });
    // "echo:0123456789" is 15 bytes: the first 7 came through.
    expect(client.text()).toBe('echo:01');
  });
});
