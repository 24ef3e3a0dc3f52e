import {
  context,
  propagation,
  ROOT_CONTEXT,
  trace,
  type Attributes,
  type Context,
} from '@opentelemetry/api';

/** W3C trace context as it travels inside a message, independent of any transport header. */
export interface TraceContext {
  traceparent: string;
  tracestate?: string;
}

/**
 * The active span's context, to store with an outgoing message, so that its consumer continues
 * this trace whatever batch the message travels in. Undefined when nothing is traced.
 */
export function captureTraceContext(from: Context = context.active()): TraceContext | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(from, carrier);
  if (!carrier.traceparent) return undefined;
  return carrier.tracestate
    ? { traceparent: carrier.traceparent, tracestate: carrier.tracestate }
    : { traceparent: carrier.traceparent };
}

/** The context a message's trace continues from; the root (a new trace) when it carries none. */
export function contextFrom(traceContext: TraceContext | undefined): Context {
  if (!traceContext) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { ...traceContext });
}

/** Adds attributes (e.g. the order id) to the active span, so a trace can be found by them. */
export function tagActiveSpan(attributes: Attributes): void {
  trace.getActiveSpan()?.setAttributes(attributes);
}

/**
 * Runs background work (the outbox relay's batches) outside the trace of whatever request
 * happened to schedule it: a batch mixes orders, so it belongs to none of them.
 */
export function outsideAnyTrace<T>(work: () => T): T {
  return context.with(ROOT_CONTEXT, work);
}
