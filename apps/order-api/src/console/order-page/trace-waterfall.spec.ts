import type { TraceSpan } from '@conveyor/tracing';
import { layOutWaterfall, renderWaterfall } from './trace-waterfall';

const MS = 1_000_000n;
const T0 = 1_750_000_000_000n * MS;

function span(
  id: string,
  service: string,
  startMs: number,
  endMs: number,
  parent?: string,
): TraceSpan {
  return {
    traceId: 't1',
    spanId: id,
    parentSpanId: parent,
    service,
    name: `${service} ${id}`,
    kind: 'internal',
    startTimeUnixNano: String(T0 + BigInt(startMs) * MS),
    endTimeUnixNano: String(T0 + BigInt(endMs) * MS),
    status: {
      code: id === 'bad' ? 'error' : 'unset',
      message: id === 'bad' ? 'declined' : undefined,
    },
    attributes: {},
    links: [],
  };
}

describe('trace waterfall', () => {
  const spans = [
    span('c', 'payment-worker', 40, 60, 'b'),
    span('a', 'order-api', 0, 100),
    span('b', 'order-api', 10, 30, 'a'),
    span('bad', 'shipping-worker', 80, 100),
  ];

  it('groups by service in the order each first acted, on one time axis', () => {
    const groups = layOutWaterfall(spans);
    expect(groups.map((group) => group.service)).toEqual([
      'order-api',
      'payment-worker',
      'shipping-worker',
    ]);
    expect(groups[0].rows.map((row) => [row.span.spanId, row.depth, row.x, row.width])).toEqual([
      ['a', 0, 0, 1000],
      ['b', 1, 100, 200],
    ]);
    expect(groups[1].rows[0]).toMatchObject({ depth: 2, x: 400, width: 200, durationMs: 20 });
  });

  it('renders bars as SVG attributes, failed spans marked, and nothing for no spans', () => {
    // Prettier lays html`` templates out as HTML: compare with whitespace collapsed.
    const markup = renderWaterfall(layOutWaterfall(spans)).toString().replace(/\s+/g, ' ');
    expect(markup).toContain('<rect class="bar" x="100" y="1" width="200" height="10" />');
    expect(markup).toContain('class="bar error"');
    expect(markup).toContain('failed: declined');
    expect(markup).not.toMatch(/style=/);
    expect(layOutWaterfall([])).toEqual([]);
  });
});
