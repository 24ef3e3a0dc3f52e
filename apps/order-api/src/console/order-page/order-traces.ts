import { Inject, Injectable } from '@nestjs/common';
import { TraceQueryClient, type TraceSpan } from '@conveyor/tracing';
import { ORDER_API_CONFIG, type OrderApiConfig } from '../../order-api.config';

export type OrderTracesResult =
  | { configured: false }
  | { configured: true; spans: TraceSpan[] }
  | { configured: true; error: string };

/** The spans of an order's traces, from the trace store TRACES_QUERY_URL points at. */
@Injectable()
export class OrderTraces {
  private readonly client?: TraceQueryClient;

  constructor(@Inject(ORDER_API_CONFIG) config: OrderApiConfig) {
    if (config.tracesQueryUrl) this.client = new TraceQueryClient(config.tracesQueryUrl);
  }

  /** A store that does not answer is shown on the page, never a failed page. */
  async spansOf(orderId: string): Promise<OrderTracesResult> {
    if (!this.client) return { configured: false };
    try {
      return { configured: true, spans: await this.client.forOrder(orderId) };
    } catch (error) {
      return { configured: true, error: (error as Error).message };
    }
  }
}
