import { FIXTURE_ROOT, syntheticProfile } from './cpu-profile.fixture';
import { classifyFrame } from './frame.classifier';
import { colour, escapeXml, renderFlameGraph } from './flame-graph.renderer';
import { buildStackTree } from './stack-tree.builder';

function render(width = 1200): string {
  const { root } = buildStackTree(syntheticProfile(), {
    frameOf: (callFrame) => classifyFrame(callFrame, FIXTURE_ROOT),
  });
  return renderFlameGraph(root, { title: 'order-api: CPU', subtitle: '9 ms <fixture>', width });
}

/** The frames drawn: each <g> holds a title, a rect and maybe a label. */
function frames(svg: string): { title: string; x: number; width: number; fill: string }[] {
  const pattern =
    /<g><title>([^<]*)<\/title><rect x="([\d.]+)" y="\d+" width="([\d.]+)" height="\d+" rx="2" fill="([^"]+)"\/>/g;
  return [...svg.matchAll(pattern)].map((match) => ({
    title: match[1],
    x: Number(match[2]),
    width: Number(match[3]),
    fill: match[4],
  }));
}

describe('renderFlameGraph', () => {
  it('is a standalone SVG document with the title, escaped subtitle and legend', () => {
    const svg = render();
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('order-api: CPU');
    expect(svg).toContain('9 ms &#60;fixture&#62;');
    expect(svg).toContain('npm packages (node_modules)');
    expect(svg).not.toContain('<script');
  });

  it('draws every frame once per merged path, with function, file:line and times', () => {
    const drawn = frames(render());
    // root, program, GC, ticks, handle, query, send, writeGeneric, placeOrder, query
    expect(drawn).toHaveLength(10);
    const queries = drawn.filter((frame) => frame.title.startsWith('query pg/lib/client.js:501'));
    expect(queries).toHaveLength(2);
    expect(queries[0].title).toContain('[pg] 2.0 ms (22.22%), self 2.0 ms');
    expect(
      drawn.some((frame) => frame.title.includes('dist/libs/messaging/src/queue.consumer.js:10')),
    ).toBe(true);
  });

  it('makes each frame as wide as its share, children side by side within the parent', () => {
    const drawn = frames(render(1020));
    const [root] = drawn;
    expect(root).toMatchObject({ x: 10, width: 1000 });
    const ticks = drawn.find((frame) => frame.title.startsWith('processTicksAndRejections'))!;
    const placeOrder = drawn.find((frame) => frame.title.startsWith('placeOrder'))!;
    expect(ticks.width).toBeCloseTo((1000 * 5) / 9, 1);
    expect(ticks.x).toBe(10);
    expect(placeOrder.x).toBeCloseTo(10 + (1000 * 5) / 9, 1);
  });

  it('colours frames by category', () => {
    const drawn = frames(render());
    const fillOf = (prefix: string) => drawn.find((frame) => frame.title.startsWith(prefix))!.fill;
    expect(fillOf('query')).toBe(colour('package', 'pg'));
    expect(fillOf('handle')).toBe(colour('project', 'libs/messaging'));
    expect(fillOf('writeGeneric')).toBe(colour('node', 'node:stream_base_commons'));
    expect(fillOf('(garbage collector)')).toBe(colour('runtime', 'GC'));
    expect(fillOf('query')).toMatch(/^hsl\(2\d\d,/);
    expect(fillOf('handle')).toMatch(/^hsl\([23]\d,/);
  });
});

describe('escapeXml', () => {
  it('escapes what would break markup or an attribute', () => {
    expect(escapeXml(`<a href="x">&'`)).toBe('&#60;a href=&#34;x&#34;&#62;&#38;&#39;');
  });
});
