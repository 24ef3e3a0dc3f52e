import { niceTicks, renderLineChart } from './svg-chart.renderer';

describe('svg line chart', () => {
  it('draws one path per series with its legend, escaping names', () => {
    const svg = renderLineChart({
      title: 'Rate <per second>',
      unit: '/s',
      x: [1, 2, 3, 4],
      series: [
        { name: 'offered', values: [1, 2, 3, 4] },
        { name: 'a & b', values: [null, 5, null, 2], dashed: true },
      ],
      bands: [{ name: 'spike', from: 0, to: 2 }],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('Rate &#60;per second&#62;');
    expect(svg).toContain('a &#38; b');
    expect(svg).not.toMatch(/<(script|image|use)\b|href=/);
    expect(svg.match(/<path /g)).toHaveLength(2);
    // Isolated values have no neighbour to draw a line to, so they get a dot.
    expect(svg.match(/<circle /g)).toHaveLength(2);
  });

  it('says so when there is nothing to draw', () => {
    expect(
      renderLineChart({ title: 'Empty', unit: 'ms', x: [], series: [{ name: 'p99', values: [] }] }),
    ).toContain('no data');
  });

  it('picks round ticks that cover the maximum', () => {
    expect(niceTicks(47)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(niceTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});
