import type { TraceSpan } from './trace-span.types';

/**
 * Reads traces from the local trace receiver's query API (TRACES_QUERY_URL): the spans of one
 * trace, or of every trace that touched an order.
 */
export class TraceQueryClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 5_000,
  ) {}

  trace(traceId: string): Promise<TraceSpan[]> {
    return this.get(`/api/traces/${encodeURIComponent(traceId)}`);
  }

  forOrder(orderId: string): Promise<TraceSpan[]> {
    return this.get(`/api/traces?orderId=${encodeURIComponent(orderId)}`);
  }

  private async get(path: string): Promise<TraceSpan[]> {
    const url = new URL(path, this.baseUrl);
    const response = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (response.status === 404) return [];
    if (!response.ok) throw new Error(`trace query ${url.pathname} answered ${response.status}`);
    return (await response.json()) as TraceSpan[];
  }
}
