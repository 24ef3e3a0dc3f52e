import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { receiveSpanOf } from './receive-span.registry';
import { captureTraceContext, contextFrom, type TraceContext } from './trace-context';
import { ORDER_ID_ATTRIBUTE } from './trace-span.types';

const tracer = trace.getTracer('@conveyor/tracing');

/** What a message span says about its message (semantic conventions plus Conveyor's own). */
export interface TracedMessage {
  queue: string;
  messageId: string;
  type: string;
  orderId: string | null;
  traceContext?: TraceContext;
}

function messageAttributes(message: TracedMessage, operation: 'send' | 'process') {
  return {
    'messaging.system': 'aws_sqs',
    'messaging.operation.type': operation,
    'messaging.operation.name': operation,
    'messaging.destination.name': message.queue,
    'conveyor.message_id': message.messageId,
    'conveyor.message_type': message.type,
    ...(message.orderId && { [ORDER_ID_ATTRIBUTE]: message.orderId }),
  };
}

function fail(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
}

/**
 * Runs a message's handler in a CONSUMER `process` span whose parent is the context the message
 * carries (its order's trace) and which links the receive span that fetched it (a trace of its
 * own, shared by the whole batch). A failure, thrown or named by `failureOf` from the result, is
 * recorded on the span; a thrown one is rethrown.
 */
export async function inProcessSpan<T>(
  message: TracedMessage & { sqsMessageId?: string; receiveCount: number },
  received: object,
  work: () => Promise<T>,
  failureOf: (result: T) => unknown = () => undefined,
): Promise<T> {
  const receive = receiveSpanOf(received);
  const span = tracer.startSpan(
    `process ${message.queue}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        ...messageAttributes(message, 'process'),
        ...(message.sqsMessageId && { 'messaging.message.id': message.sqsMessageId }),
        'conveyor.receive_count': message.receiveCount,
      },
      links: receive ? [{ context: receive }] : [],
    },
    contextFrom(message.traceContext),
  );
  try {
    const result = await context.with(trace.setSpan(context.active(), span), work);
    const failure = failureOf(result);
    if (failure !== undefined) fail(span, failure);
    return result;
  } catch (error) {
    fail(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** Outcome of a publish, by the caller's message id. */
export interface SendResult {
  sent: readonly string[];
  failed: readonly { id: string; code?: string; message?: string }[];
}

/**
 * A PRODUCER `send` span per outgoing message, child of the context captured when the message
 * was staged; the message then carries the send span's context instead. Messages without a
 * context (tracing off when they were staged) pass through untouched.
 */
export function startSendSpans<M extends { id: string; envelope: object }>(
  messages: readonly (M & { queue: string; envelope: Omit<TracedMessage, 'queue'> })[],
): { messages: M[]; end(result: SendResult | { error: unknown }): void } {
  const spans = new Map<string, Span>();
  const traced = messages.map((message) => {
    if (!message.envelope.traceContext) return message;
    const span = tracer.startSpan(
      `send ${message.queue}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: messageAttributes({ ...message.envelope, queue: message.queue }, 'send'),
      },
      contextFrom(message.envelope.traceContext),
    );
    spans.set(message.id, span);
    const traceContext =
      captureTraceContext(trace.setSpan(context.active(), span)) ?? message.envelope.traceContext;
    return { ...message, envelope: { ...message.envelope, traceContext } };
  });
  return {
    messages: traced,
    end(result) {
      const failures = new Map('error' in result ? [] : result.failed.map((f) => [f.id, f]));
      for (const [id, span] of spans) {
        if ('error' in result) fail(span, result.error);
        const failure = failures.get(id);
        if (failure) fail(span, `${failure.code ?? 'error'}: ${failure.message ?? ''}`);
        span.end();
      }
    },
  };
}
