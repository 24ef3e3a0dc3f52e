/**
 * A span as the local stack's trace receiver answers it (GET /api/traces?orderId=…): the fields
 * the waterfall needs. Times are unix nanoseconds as decimal strings (they exceed 2^53).
 */
export interface TraceSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  service: string;
  name: string;
  kind: string;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  /** `unset`, `ok` or `error`. */
  status: { code: string; message?: string };
  attributes: Record<string, unknown>;
}
