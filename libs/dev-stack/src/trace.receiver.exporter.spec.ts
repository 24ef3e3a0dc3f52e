import { context, SpanKind, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { TraceQueryClient } from '@conveyor/tracing';
import { TraceReceiver } from './trace.receiver';

const ORDER = '0b6a6f2e-3f55-4f7d-9d0c-7f1d2a9b8c41';

// What the apps send: the SDK's own OTLP/HTTP JSON exporter, not a hand-written body.
describe('TraceReceiver fed by the OTLP/HTTP JSON exporter', () => {
  const receiver = new TraceReceiver();
  let provider: TracerProvider;
  let client: TraceQueryClient;

  beforeAll(async () => {
    const url = await receiver.start();
    client = new TraceQueryClient(url);
    provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'payment-worker' }),
      spanProcessors: [
        new SimpleSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${url}/v1/traces` }) }),
      ],
    });
  });
  afterAll(async () => {
    await provider.shutdown();
    await receiver.stop();
  });

  it('keeps ids, parents, kinds, services and attributes as the exporter encoded them', async () => {
    const tracer = provider.getTracer('spec');
    const parent = tracer.startSpan('process', {
      kind: SpanKind.CONSUMER,
      attributes: { 'conveyor.order_id': ORDER, 'messaging.destination.name': 'payments' },
    });
    const child = tracer.startSpan(
      'stripe.paymentIntents.create',
      { kind: SpanKind.CLIENT },
      trace.setSpan(context.active(), parent),
    );
    child.end();
    parent.end();
    await provider.forceFlush();

    const { traceId, spanId } = parent.spanContext();
    const spans = await client.trace(traceId);
    expect(spans).toHaveLength(2);
    expect(spans.find((span) => span.spanId === spanId)).toMatchObject({
      service: 'payment-worker',
      kind: 'consumer',
      attributes: { 'conveyor.order_id': ORDER, 'messaging.destination.name': 'payments' },
    });
    expect(spans.find((span) => span.spanId === child.spanContext().spanId)).toMatchObject({
      traceId,
      parentSpanId: spanId,
      kind: 'client',
    });
    expect((await client.forOrder(ORDER)).map((span) => span.traceId)).toEqual([traceId, traceId]);
  });
});
