import { randomBytes } from 'node:crypto';
import { waitFor } from '@conveyor/dev-stack';
import type { QueueName } from '@conveyor/contracts';
import { TraceQueryClient, type TraceSpan } from '@conveyor/tracing';

/** A client's W3C trace context: the order's trace continues from this span. */
export function clientTraceparent(): { traceparent: string; traceId: string; spanId: string } {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceparent: `00-${traceId}-${spanId}-01`, traceId, spanId };
}

/** The environment that points an app at the receiver, exporting every 200 ms. */
export function exportTo(receiverUrl: string): Record<string, string> {
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: receiverUrl,
    OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
    OTEL_BSP_SCHEDULE_DELAY: '200',
  };
}

/** Spans whose parent is in neither the trace nor the client (an export still on its way). */
export function orphansOf(spans: TraceSpan[], clientSpanId: string): TraceSpan[] {
  const ids = new Set(spans.map((span) => span.spanId));
  return spans.filter(
    (span) =>
      span.parentSpanId === undefined ||
      !(ids.has(span.parentSpanId) || span.parentSpanId === clientSpanId),
  );
}

export function processSpans(spans: TraceSpan[], queue: QueueName): TraceSpan[] {
  return spans.filter((span) => span.kind === 'consumer' && span.name === `process ${queue}`);
}

/**
 * Polls the receiver until the trace holds what `complete` asks for and every span's parent has
 * arrived too (spans of four processes arrive in separate exports).
 */
export function waitForTrace(
  receiverUrl: string,
  client: { traceId: string; spanId: string },
  complete: (spans: TraceSpan[]) => boolean,
  description: string,
): Promise<TraceSpan[]> {
  const query = new TraceQueryClient(receiverUrl);
  return waitFor(
    async () => {
      const spans = await query.trace(client.traceId);
      return complete(spans) && orphansOf(spans, client.spanId).length === 0 ? spans : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 250, description },
  );
}
