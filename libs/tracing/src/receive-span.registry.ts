import { trace, type Span, type SpanContext } from '@opentelemetry/api';

/** A received message object → the span of the ReceiveMessage call that returned it. */
const receiveSpans = new WeakMap<object, SpanContext>();

/** Called by the AWS SDK instrumentation's response hook for every message a receive returned. */
export function rememberReceiveSpan(message: object, span: Span): void {
  receiveSpans.set(message, span.spanContext());
}

/** The receive span to link a message's `process` span to, when the receive was traced. */
export function receiveSpanOf(message: object): SpanContext | undefined {
  const spanContext = receiveSpans.get(message);
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext : undefined;
}
