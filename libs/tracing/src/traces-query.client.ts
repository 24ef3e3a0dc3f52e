import type { TraceSpan } from './trace-span.types';

/**
 * Reads spans back from the local OTLP receiver (libs/dev-stack TraceReceiver): what the
 * order-api console and the tests use to show one order's trace.
 */
export class TracesQueryClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 2_000,
  ) {}

  /** Every span the receiver holds for the trace; empty when it holds none. */
  trace(traceId: string): Promise<TraceSpan[]> {
    return this.get(`/api/traces/${encodeURIComponent(traceId)}`);
  }

  /** Every span of every trace that has a span naming the order (`conveyor.order_id`). */
  byOrder(orderId: string): Promise<TraceSpan[]> {
    return this.get(`/api/traces?orderId=${encodeURIComponent(orderId)}`);
  }

  private async get(path: string): Promise<TraceSpan[]> {
    const response = await fetch(new URL(path, this.baseUrl), {
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) {
      throw new Error(`traces query ${path} answered ${response.status}`);
    }
    const body = (await response.json()) as { spans: TraceSpan[] };
    return body.spans;
  }
}
