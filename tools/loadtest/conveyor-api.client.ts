import { Pool } from 'undici';

export interface ApiAnswer {
  status: number;
  body: unknown;
}

export interface OrderListItem {
  id: string;
  status: string;
  createdAt: string;
  timeline: { status: string; at: string }[];
}

export interface OrderPage {
  items: OrderListItem[];
  nextCursor: string | null;
}

export interface ApiClientOptions {
  baseUrl: string;
  /** Sockets for the order traffic; observers get a small pool of their own. */
  connections: number;
  timeoutMs?: number;
}

const OBSERVER_CONNECTIONS = 4;

/**
 * The order API over undici connection pools: one for the load itself and one for the kit's own
 * look-ups, so counting completions never queues behind the orders it is counting.
 */
export class ConveyorApiClient {
  private readonly load: Pool;
  private readonly observe: Pool;
  private readonly pathPrefix: string;
  private readonly timeoutMs: number;

  constructor(options: ApiClientOptions) {
    const url = new URL(options.baseUrl);
    this.pathPrefix = url.pathname.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    const common = {
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      keepAliveTimeout: 10_000,
    };
    this.load = new Pool(url.origin, { ...common, connections: options.connections });
    this.observe = new Pool(url.origin, { ...common, connections: OBSERVER_CONNECTIONS });
  }

  placeOrder(token: string, idempotencyKey: string, body: unknown): Promise<ApiAnswer> {
    return this.send(this.load, 'POST', '/orders', token, body, {
      'idempotency-key': idempotencyKey,
    });
  }

  async listProducts(): Promise<{ sku: string; available: number }[]> {
    const answer = await this.send(this.observe, 'GET', '/products');
    if (answer.status !== 200 || !Array.isArray(answer.body)) {
      throw new Error(`GET /products answered ${answer.status}`);
    }
    return answer.body as { sku: string; available: number }[];
  }

  /** One page of every customer's orders, newest first (admin token); no page unless 200. */
  async listOrders(
    adminToken: string,
    cursor?: string,
  ): Promise<{ status: number; page?: OrderPage }> {
    const query = `?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const answer = await this.send(this.observe, 'GET', `/orders${query}`, adminToken);
    if (answer.status !== 200) return { status: answer.status };
    return { status: answer.status, page: answer.body as OrderPage };
  }

  getOrder(token: string, id: string): Promise<ApiAnswer> {
    return this.send(this.observe, 'GET', `/orders/${encodeURIComponent(id)}`, token);
  }

  /** Asks to cancel an order as its customer: 202, or 409 once it is past cancelling. */
  cancelOrder(token: string, id: string): Promise<ApiAnswer> {
    return this.send(this.load, 'POST', `/orders/${encodeURIComponent(id)}/cancel`, token);
  }

  restock(adminToken: string, sku: string, quantity: number): Promise<ApiAnswer> {
    const path = `/admin/inventory/${encodeURIComponent(sku)}/restock`;
    return this.send(this.observe, 'POST', path, adminToken, { quantity });
  }

  async close(): Promise<void> {
    await Promise.all([this.load.close(), this.observe.close()]);
  }

  private async send(
    pool: Pool,
    method: 'GET' | 'POST',
    path: string,
    token?: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<ApiAnswer> {
    const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await pool.request({
      method,
      path: `${this.pathPrefix}${path}`,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    return { status: response.statusCode, body: parseJson(text) };
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
