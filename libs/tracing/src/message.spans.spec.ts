import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  StackContextManager,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { inProcessSpan, startSendSpans } from './message.spans';
import { rememberReceiveSpan } from './receive-span.registry';
import { captureTraceContext, outsideAnyTrace } from './trace-context';
import { traceLogFields } from './trace-log.fields';

const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({
  spanProcessors: [new SimpleSpanProcessor({ exporter })],
});
const tracer = provider.getTracer('spec');

beforeAll(() => {
  context.setGlobalContextManager(new StackContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
});

beforeEach(() => exporter.reset());

function finished(name: string) {
  return exporter.getFinishedSpans().filter((span) => span.name === name);
}

function inSpan<T>(name: string, work: () => T): { result: T; traceId: string; spanId: string } {
  const span = tracer.startSpan(name);
  const result = context.with(trace.setSpan(context.active(), span), work);
  span.end();
  return { result, ...span.spanContext() };
}

const message = {
  queue: 'payments',
  messageId: '5d0b6a3e-6f5e-4b43-9d0a-7f0e3f1f2a11',
  type: 'payment.authorization-requested',
  orderId: '0b0e8a52-0d7c-4a53-a4a4-9e3b8e7b1c22',
};

describe('trace context capture', () => {
  it('captures nothing outside a span', () => {
    expect(captureTraceContext()).toBeUndefined();
    expect(traceLogFields()).toEqual({});
  });

  it('captures the active span as a W3C traceparent, and log fields name it', () => {
    const { result, traceId, spanId } = inSpan('request', () => ({
      captured: captureTraceContext(),
      fields: traceLogFields(),
    }));
    expect(result.captured).toEqual({ traceparent: `00-${traceId}-${spanId}-01` });
    expect(result.fields).toEqual({ trace_id: traceId, span_id: spanId });
  });

  it('runs background work outside the scheduling trace', () => {
    const { result } = inSpan('request', () => outsideAnyTrace(() => captureTraceContext()));
    expect(result).toBeUndefined();
  });
});

describe('message spans', () => {
  it('sends from the staged context and processes from the send span, linking the receive', async () => {
    const staged = inSpan('POST /orders', () => captureTraceContext());
    const rows = [
      { id: 'row-1', queue: 'payments', envelope: { ...message, traceContext: staged.result } },
      { id: 'row-2', queue: 'payments', envelope: { ...message, messageId: 'untraced' } },
    ];
    const send = startSendSpans(rows);
    send.end({ sent: ['row-1', 'row-2'], failed: [] });
    expect(send.messages[1]).toBe(rows[1]);

    const receive = tracer.startSpan('payments receive');
    const received = { MessageId: 'sqs-1' };
    rememberReceiveSpan(received, receive);
    receive.end();
    let inside: unknown;
    await inProcessSpan(
      { ...send.messages[0].envelope, queue: 'payments', receiveCount: 2 },
      received,
      () => {
        inside = traceLogFields();
        return Promise.resolve();
      },
    );

    const [sendSpan] = finished('send payments');
    const [processSpan] = finished('process payments');
    expect(sendSpan.kind).toBe(SpanKind.PRODUCER);
    expect(sendSpan.spanContext().traceId).toBe(staged.traceId);
    expect(sendSpan.parentSpanContext?.spanId).toBe(staged.spanId);
    expect(processSpan.kind).toBe(SpanKind.CONSUMER);
    expect(processSpan.parentSpanContext?.spanId).toBe(sendSpan.spanContext().spanId);
    expect(processSpan.links.map((link) => link.context.spanId)).toEqual([
      receive.spanContext().spanId,
    ]);
    expect(processSpan.attributes).toMatchObject({
      'messaging.destination.name': 'payments',
      'messaging.message.id': 'sqs-1',
      'conveyor.order_id': message.orderId,
      'conveyor.message_type': message.type,
      'conveyor.receive_count': 2,
    });
    expect(inside).toEqual({
      trace_id: staged.traceId,
      span_id: processSpan.spanContext().spanId,
    });
  });

  it('marks failed sends and failed handlers as errors, and rethrows what the handler threw', async () => {
    const staged = inSpan('handler', () => captureTraceContext());
    const envelope = { ...message, traceContext: staged.result };
    startSendSpans([{ id: 'row-1', queue: 'payments', envelope }]).end({
      sent: [],
      failed: [{ id: 'row-1', code: 'Throttled', message: 'slow down' }],
    });
    const failed = await inProcessSpan(
      { ...envelope, receiveCount: 1, queue: 'payments' },
      {},
      () => Promise.resolve({ error: new Error('card declined') }),
      (result) => result.error,
    );
    expect(failed.error.message).toBe('card declined');
    await expect(
      inProcessSpan({ ...envelope, receiveCount: 2, queue: 'payments' }, {}, () =>
        Promise.reject(new Error('database down')),
      ),
    ).rejects.toThrow('database down');

    const [send] = finished('send payments');
    const [handled, thrown] = finished('process payments');
    expect(send.status).toMatchObject({ code: 2, message: 'Throttled: slow down' });
    expect(handled.status).toMatchObject({ code: 2, message: 'Error: card declined' });
    expect(thrown.status).toMatchObject({ code: 2, message: 'Error: database down' });
    expect(thrown.parentSpanContext?.traceId).toBe(staged.traceId);
  });

  it('starts a new trace for a message that carries no context', async () => {
    await inProcessSpan({ ...message, receiveCount: 1 }, {}, () => Promise.resolve());
    const [span] = exporter.getFinishedSpans();
    expect(span.parentSpanContext).toBeUndefined();
    expect(span.links).toEqual([]);
  });
});
