import { randomUUID } from 'node:crypto';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export const ADDRESS = {
  name: 'Ada Lovelace',
  line1: '1 Main Street',
  city: 'Berlin',
  postalCode: '10115',
  country: 'DE',
};

/** A thin HTTP client for the order API, as a web or mobile client would call it. */
export class ApiClient {
  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    options: {
      token?: string;
      body?: unknown;
      rawBody?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text for the assertion message
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  placeOrder(
    token: string,
    items: { sku: string; quantity: number }[],
    options: {
      key?: string;
      paymentMethod?: string;
      requestId?: string;
      traceparent?: string;
    } = {},
  ) {
    const headers: Record<string, string> = { 'idempotency-key': options.key ?? randomUUID() };
    if (options.requestId) headers['x-request-id'] = options.requestId;
    if (options.traceparent) headers.traceparent = options.traceparent;
    return this.request('POST', '/orders', {
      token,
      headers,
      body: {
        items,
        paymentMethod: options.paymentMethod ?? 'pm_card_visa',
        shippingAddress: ADDRESS,
      },
    });
  }

  getOrder(token: string, id: string) {
    return this.request('GET', `/orders/${id}`, { token });
  }
}
