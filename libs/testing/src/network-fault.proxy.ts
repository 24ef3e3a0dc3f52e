import { createServer, connect, type Server, type Socket } from 'node:net';

type Mode =
  { kind: 'pass' } | { kind: 'silent' } | { kind: 'latency'; ms: number } | { kind: 'cut' };

interface Link {
  client: Socket;
  upstream?: Socket;
  /** Forwards nothing any more, in either direction, and never closes on its own. */
  blackholed: boolean;
}

/**
 * A TCP proxy in front of a real dependency (PostgreSQL, the SQS emulator) that degrades the
 * network instead of refusing it (TcpProxy does that): silent (packets dropped), slow, or cutting
 * responses midway. Unlike a refused port, these give a client no error: only its own timeouts
 * end its calls.
 */
export class NetworkFaultProxy {
  private server?: Server;
  private readonly links = new Set<Link>();
  private mode: Mode = { kind: 'pass' };
  private accepted = 0;

  private constructor(private readonly targetPort: number) {}

  static async start(targetPort: number): Promise<NetworkFaultProxy> {
    const proxy = new NetworkFaultProxy(targetPort);
    await proxy.listen();
    return proxy;
  }

  get port(): number {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  /** Connections accepted so far. */
  get connections(): number {
    return this.accepted;
  }

  /**
   * Drops everything from now on: open connections go quiet, new ones are accepted and hear
   * nothing. They stay quiet after restore(), as when a firewall lost their state: only new
   * connections work again.
   */
  silent(): void {
    this.mode = { kind: 'silent' };
    for (const link of this.links) link.blackholed = true;
  }

  /** Delays every chunk, both ways, by `ms`. */
  latency(ms: number): void {
    this.mode = { kind: 'latency', ms };
  }

  /** Forwards requests; of each response, only the first half of its first chunk, then closes. */
  cutResponses(): void {
    this.mode = { kind: 'cut' };
  }

  /** New connections, and open ones not silenced, are forwarded as they come again. */
  restore(): void {
    this.mode = { kind: 'pass' };
  }

  async stop(): Promise<void> {
    for (const link of this.links) {
      link.client.destroy();
      link.upstream?.destroy();
    }
    this.links.clear();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = createServer((client) => this.accept(client));
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        this.server = server;
        resolve();
      });
    });
  }

  private accept(client: Socket): void {
    this.accepted += 1;
    const link: Link = { client, blackholed: this.mode.kind === 'silent' };
    this.links.add(link);
    const close = () => {
      link.client.destroy();
      link.upstream?.destroy();
      this.links.delete(link);
    };
    client.on('error', close);
    client.on('close', close);
    client.on('data', (chunk: Buffer) => this.forward(link, chunk, 'request'));
    if (link.blackholed) return;
    const upstream = connect(this.targetPort, '127.0.0.1');
    link.upstream = upstream;
    upstream.on('data', (chunk: Buffer) => this.forward(link, chunk, 'response'));
    // A silenced connection hears nothing, not even that the server hung up.
    const upstreamClosed = () => (link.blackholed ? upstream.destroy() : close());
    upstream.on('error', upstreamClosed);
    upstream.on('close', upstreamClosed);
  }

  private forward(link: Link, chunk: Buffer, direction: 'request' | 'response'): void {
    if (this.mode.kind === 'silent') link.blackholed = true;
    if (link.blackholed) return;
    const to = direction === 'request' ? link.upstream : link.client;
    if (!to) return;
    if (this.mode.kind === 'latency') {
      setTimeout(() => {
        if (!link.blackholed && !to.destroyed) to.write(chunk);
      }, this.mode.ms);
    } else if (this.mode.kind === 'cut' && direction === 'response') {
      link.client.end(chunk.subarray(0, Math.ceil(chunk.length / 2)));
      link.upstream?.destroy();
    } else {
      to.write(chunk);
    }
  }
}
