import { TraceQueryClient } from '@conveyor/tracing';
import { TraceReceiver } from './trace.receiver';

const TRACE = 'a'.repeat(32);
const ORDER = '4b4f0c1e-8a35-4bb4-9a1e-2f6c1d7e9a10';

function exportBody(traceId: string, spanId: string, parentSpanId?: string, orderId?: string) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'order-api' } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId,
                spanId,
                parentSpanId,
                name: 'process',
                kind: 5,
                startTimeUnixNano: '1',
                endTimeUnixNano: '2',
                status: { code: 2, message: 'boom' },
                attributes: [
                  ...(orderId
                    ? [{ key: 'conveyor.order_id', value: { stringValue: orderId } }]
                    : []),
                  { key: 'attempt', value: { intValue: '3' } },
                ],
                links: [{ traceId: 'B'.repeat(32), spanId: 'C'.repeat(16) }],
              },
            ],
          },
        ],
      },
    ],
  };
}

describe('TraceReceiver', () => {
  const receiver = new TraceReceiver(3);
  let url: string;
  let client: TraceQueryClient;
  beforeAll(async () => {
    url = await receiver.start();
    client = new TraceQueryClient(url);
  });
  afterAll(() => receiver.stop());

  async function post(body: unknown) {
    const response = await fetch(`${url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
  }

  it('flattens exported OTLP JSON spans and serves them by trace and by order', async () => {
    await post(exportBody(TRACE, '1'.repeat(16), undefined, ORDER));
    await post(exportBody(TRACE, '2'.repeat(16), '1'.repeat(16)));

    const spans = await client.trace(TRACE);
    expect(spans).toEqual([
      expect.objectContaining({
        spanId: '1'.repeat(16),
        service: 'order-api',
        kind: 'consumer',
        status: { code: 'error', message: 'boom' },
        attributes: { 'conveyor.order_id': ORDER, attempt: 3 },
        links: [{ traceId: 'b'.repeat(32), spanId: 'c'.repeat(16), attributes: {} }],
      }),
      expect.objectContaining({ spanId: '2'.repeat(16), parentSpanId: '1'.repeat(16) }),
    ]);
    expect(spans[0]).not.toHaveProperty('parentSpanId');
    expect((await client.forOrder(ORDER)).map((span) => span.spanId)).toEqual([
      '1'.repeat(16),
      '2'.repeat(16),
    ]);
    expect(await client.forOrder('00000000-0000-4000-8000-000000000000')).toEqual([]);
  });

  it('stays bounded by dropping the oldest traces', async () => {
    await post(exportBody('d'.repeat(32), '3'.repeat(16)));
    await post(exportBody('e'.repeat(32), '4'.repeat(16)));

    expect(await client.trace(TRACE)).toEqual([]);
    expect(await client.trace('e'.repeat(32))).toHaveLength(1);
  });

  it('refuses a body that is not JSON', async () => {
    const response = await fetch(`${url}/v1/traces`, { method: 'POST', body: 'nope' });
    expect(response.status).toBe(400);
  });
});
