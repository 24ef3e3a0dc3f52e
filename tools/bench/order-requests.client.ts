import { Agent, request } from 'node:http';
import { issueAccessToken } from '@conveyor/auth';
import { benchCustomer, orderRequestBody } from './bench.catalog';
import { BENCH_JWT_SECRET } from './conveyor.variant';

export interface OrderResponse {
  status: number;
  latencyMs: number;
  /** The accepted order's id (202 only). */
  orderId?: string;
}

const ORDER_ID = /"id":"([0-9a-f-]{36})"/;

/**
 * `POST /orders` as a client sends it — bearer token, fresh Idempotency-Key, a small basket — over
 * keep-alive connections, timing each request. Status 0 means the connection failed.
 */
export class OrderRequestsClient {
  private readonly agent: Agent;
  private readonly url: URL;
  private sequence = 0;

  private constructor(
    baseUrl: string,
    connections: number,
    private readonly runTag: string,
    private readonly tokens: string[],
  ) {
    this.url = new URL('/orders', baseUrl);
    this.agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  static async create(baseUrl: string, connections: number, runTag: string, customers = 8) {
    const tokens = await Promise.all(
      Array.from({ length: customers }, (_, index) =>
        issueAccessToken(BENCH_JWT_SECRET, { sub: benchCustomer(runTag, index, customers) }),
      ),
    );
    return new OrderRequestsClient(baseUrl, connections, runTag, tokens);
  }

  place(): Promise<OrderResponse> {
    const sequence = this.sequence++;
    const body = JSON.stringify(orderRequestBody(sequence));
    const started = performance.now();
    return new Promise((resolve) => {
      const outgoing = request(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            authorization: `Bearer ${this.tokens[sequence % this.tokens.length]}`,
            'idempotency-key': `${this.runTag}-${sequence}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            const latencyMs = performance.now() - started;
            const orderId =
              status === 202 ? ORDER_ID.exec(Buffer.concat(chunks).toString())?.[1] : undefined;
            resolve({ status, latencyMs, orderId });
          });
          response.on('error', () =>
            resolve({ status: 0, latencyMs: performance.now() - started }),
          );
        },
      );
      outgoing.on('error', () => resolve({ status: 0, latencyMs: performance.now() - started }));
      outgoing.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Responses tallied: accepted ids, counts by status, latency of every answer. */
export class ResponseTally {
  readonly acceptedIds: string[] = [];
  readonly statuses: Record<string, number> = {};
  readonly latenciesMs: number[] = [];

  record(response: OrderResponse): void {
    this.statuses[response.status] = (this.statuses[response.status] ?? 0) + 1;
    this.latenciesMs.push(response.latencyMs);
    if (response.status === 202 && response.orderId) this.acceptedIds.push(response.orderId);
  }

  get serverErrors(): number {
    return Object.entries(this.statuses)
      .filter(([status]) => Number(status) >= 500 || status === '0')
      .reduce((sum, [, count]) => sum + count, 0);
  }
}
