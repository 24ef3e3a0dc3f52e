import { trace } from '@opentelemetry/api';

/** `trace_id` and `span_id` of the active span, for a log line; empty outside a traced span. */
export function traceLogFields(): { trace_id?: string; span_id?: string } {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (!spanContext || !trace.isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}
