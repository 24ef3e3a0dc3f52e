import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { TraceSpan } from '@conveyor/tracing';
import { decodeOtlpTraces, type OtlpTracesRequest } from './otlp-json.decoder';

/** The attribute naming the order a span worked on; `?orderId=` matches it. */
const ORDER_ID_ATTRIBUTE = 'conveyor.order_id';

/**
 * A small OTLP/HTTP JSON receiver for tests and the local stack (no collector ships here):
 * apps export to POST /v1/traces; GET /api/traces/{traceId} and GET /api/traces?orderId= read
 * recent spans back. It keeps the newest `maxSpans` spans, dropping whole oldest traces.
 */
export class TraceReceiver {
  private readonly traces = new Map<string, TraceSpan[]>();
  private spanCount = 0;
  private server: Server | undefined;

  constructor(private readonly maxSpans = 50_000) {}

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, host, resolve));
    return `http://${host}:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  add(spans: TraceSpan[]): void {
    for (const span of spans) {
      const trace = this.traces.get(span.traceId) ?? [];
      // Re-inserting moves a trace that is still growing to the newest end.
      this.traces.delete(span.traceId);
      this.traces.set(span.traceId, [...trace, span]);
      this.spanCount += 1;
    }
    for (const [traceId, trace] of this.traces) {
      if (this.spanCount <= this.maxSpans) break;
      this.traces.delete(traceId);
      this.spanCount -= trace.length;
    }
  }

  /** Every span it holds, of every trace. */
  all(): TraceSpan[] {
    return [...this.traces.values()].flat();
  }

  trace(traceId: string): TraceSpan[] {
    return this.traces.get(traceId.toLowerCase()) ?? [];
  }

  byOrder(orderId: string): TraceSpan[] {
    return [...this.traces.values()]
      .filter((trace) => trace.some((span) => span.attributes[ORDER_ID_ATTRIBUTE] === orderId))
      .flat();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://receiver');
    try {
      if (req.method === 'POST' && url.pathname === '/v1/traces') {
        const body = await readBody(req);
        this.add(decodeOtlpTraces(JSON.parse(body) as OtlpTracesRequest));
        return reply(res, 200, {});
      }
      if (req.method === 'GET' && url.pathname === '/api/traces') {
        return reply(res, 200, this.byOrder(url.searchParams.get('orderId') ?? ''));
      }
      const match = /^\/api\/traces\/([0-9a-fA-F]{32})$/.exec(url.pathname);
      if (req.method === 'GET' && match) return reply(res, 200, this.trace(match[1]));
      reply(res, 404, { error: 'not found' });
    } catch (error) {
      reply(res, 400, { error: (error as Error).message });
    }
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  return (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
