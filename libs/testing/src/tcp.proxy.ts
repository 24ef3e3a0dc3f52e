import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * What the proxy does to traffic. `refuse`: nothing listens (ECONNREFUSED). `blackhole`: accepts
 * and forwards nothing either way, so only the client's timeouts notice. `latency`: every chunk
 * arrives `ms` later. `cut`: requests pass, and the next response chunk of each connection is
 * delivered in half before the connection is reset.
 */
export type ProxyFault =
  { kind: 'refuse' } | { kind: 'blackhole' } | { kind: 'latency'; ms: number } | { kind: 'cut' };

export type ProxyFaultKind = ProxyFault['kind'];
export const PROXY_FAULT_KINDS: readonly ProxyFaultKind[] = [
  'refuse',
  'blackhole',
  'latency',
  'cut',
];

interface Link {
  client: Socket;
  upstream: Socket;
  /** Traffic was dropped on this link: its byte stream is broken for good. */
  broken: boolean;
  /** When the last delayed chunk per direction is due, so delayed chunks keep their order. */
  dueUp: number;
  dueDown: number;
}

/**
 * A TCP proxy in front of a real dependency (SQS emulator, PostgreSQL), so a test can make the
 * dependency refuse connections, go silent, slow down or cut answers — and then come back,
 * without touching the dependency itself.
 */
export class TcpProxy {
  private server?: Server;
  private readonly links = new Set<Link>();
  private boundPort = 0;
  private current: ProxyFault | null = null;
  private droppedBytes = 0;

  private constructor(private readonly targetPort: number) {}

  static async start(targetPort: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(targetPort);
    await proxy.listen();
    return proxy;
  }

  get port(): number {
    return this.boundPort;
  }

  /** Bytes a blackhole or a cut has swallowed so far. */
  get dropped(): number {
    return this.droppedBytes;
  }

  /** The fault in force, or null when traffic passes untouched. */
  get fault(): ProxyFault | null {
    return this.current;
  }

  /** Stops listening and cuts every open connection: new connections are refused. */
  async refuse(): Promise<void> {
    this.current = { kind: 'refuse' };
    const server = this.server;
    this.server = undefined;
    for (const link of this.links) destroy(link);
    this.links.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Applies a fault until `restore()`; a different fault replaces the one in force. */
  async inject(fault: ProxyFault): Promise<void> {
    if (fault.kind === 'refuse') return this.refuse();
    await this.restore();
    this.current = fault;
  }

  /**
   * Back to forwarding: listens again on the same port, and resets the connections whose traffic
   * a blackhole or a cut dropped (their streams cannot resume), as a peer's timeout would.
   */
  async restore(): Promise<void> {
    this.current = null;
    for (const link of this.links) if (link.broken) destroy(link);
    if (!this.server) await this.listen();
  }

  async stop(): Promise<void> {
    await this.refuse();
    this.current = null;
  }

  private listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = createServer((client) => this.pipe(client));
      server.once('error', reject);
      // The same port again after restore(), so clients configured with it reconnect.
      server.listen(this.boundPort, '127.0.0.1', () => {
        this.server = server;
        const address = server.address();
        if (typeof address === 'object' && address) this.boundPort = address.port;
        resolve();
      });
    });
  }

  private pipe(client: Socket): void {
    const upstream = connect(this.targetPort, '127.0.0.1');
    const link: Link = { client, upstream, broken: false, dueUp: 0, dueDown: 0 };
    this.links.add(link);
    for (const socket of [client, upstream]) {
      socket.on('close', () => {
        destroy(link);
        this.links.delete(link);
      });
      socket.on('error', () => destroy(link));
    }
    client.on('data', (chunk: Buffer) => this.forward(link, chunk, 'up'));
    upstream.on('data', (chunk: Buffer) => this.forward(link, chunk, 'down'));
  }

  /** One chunk one way, as the fault in force says. */
  private forward(link: Link, chunk: Buffer, direction: 'up' | 'down'): void {
    const target = direction === 'up' ? link.upstream : link.client;
    const fault = this.current;
    if (link.broken || fault?.kind === 'blackhole') {
      link.broken = true;
      this.droppedBytes += chunk.length;
      return;
    }
    if (fault?.kind === 'cut' && direction === 'down') {
      link.broken = true;
      this.droppedBytes += chunk.length - Math.max(1, Math.floor(chunk.length / 2));
      target.write(chunk.subarray(0, Math.max(1, Math.floor(chunk.length / 2))), () =>
        destroy(link),
      );
      return;
    }
    // After a latency fault ends, chunks still wait behind the delayed ones: order is kept.
    const key = direction === 'up' ? 'dueUp' : 'dueDown';
    const due = Math.max(Date.now() + (fault?.kind === 'latency' ? fault.ms : 0), link[key]);
    link[key] = due;
    const write = () => {
      if (!target.destroyed) target.write(chunk);
    };
    if (due <= Date.now()) write();
    else setTimeout(write, due - Date.now());
  }
}

function destroy(link: Link): void {
  link.client.destroy();
  link.upstream.destroy();
}
