/** Span kinds as OTLP numbers them. */
export type TraceSpanKind =
  'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';

export type AttributeValue = string | number | boolean | AttributeValue[] | null;

/** One span as the local trace receiver keeps it and its query API returns it. */
export interface TraceSpan {
  traceId: string;
  spanId: string;
  /** Undefined for a trace's root (or a span whose parent is outside the receiver's view). */
  parentSpanId?: string;
  /** The `service.name` of the process that recorded it. */
  service: string;
  name: string;
  kind: TraceSpanKind;
  /** Nanoseconds since the epoch, as decimal strings (they exceed Number's precision). */
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  status: { code: 'unset' | 'ok' | 'error'; message?: string };
  attributes: Record<string, AttributeValue>;
  links: { traceId: string; spanId: string; attributes: Record<string, AttributeValue> }[];
}

/** The attribute a span names its order by; the receiver finds an order's traces by it. */
export const ORDER_ID_ATTRIBUTE = 'conveyor.order_id';
