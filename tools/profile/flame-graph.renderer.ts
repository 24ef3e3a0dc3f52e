import type { FrameCategory, StackNode } from './cpu-profile.types';

export interface FlameGraphOptions {
  title: string;
  /** A line under the title: what was profiled, how long. */
  subtitle: string;
  width?: number;
}

const ROW = 17;
const PAD = 10;
const HEADER = 64;
const CHAR_PX = 6.6;
/** Frames narrower than this are left out (with everything above them): unreadable, and bulk. */
const MIN_PX = 0.3;

/** Hue and saturation per category; lightness varies by area so neighbouring packages differ. */
const PALETTE: Record<FrameCategory, { hue: number; sat: number; label: string }> = {
  project: { hue: 28, sat: 85, label: 'this repository (apps, libs)' },
  package: { hue: 205, sat: 65, label: 'npm packages (node_modules)' },
  node: { hue: 100, sat: 45, label: 'Node.js internals, native code' },
  runtime: { hue: 0, sat: 0, label: 'GC, (program)' },
};

interface Placed {
  node: StackNode;
  x: number;
  width: number;
  depth: number;
}

/**
 * A self-contained SVG flame graph: the root at the bottom, each frame as wide as its share of
 * the CPU time, callers below callees, the heaviest child leftmost. Hovering a frame shows its
 * <title>: function, file:line, total and self time. No script, so it renders anywhere (GitHub).
 */
export function renderFlameGraph(root: StackNode, options: FlameGraphOptions): string {
  const width = options.width ?? 1200;
  const placed = place(root, width - 2 * PAD);
  const depth = Math.max(0, ...placed.map((item) => item.depth)) + 1;
  const height = HEADER + depth * ROW + PAD;
  const frames = placed.map((item) => frameSvg(item, root.totalUs, HEADER + (depth - 1) * ROW));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="monospace" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fdfdf8"/>`,
    `<text x="${PAD}" y="20" font-size="15" font-weight="bold">${escapeXml(options.title)}</text>`,
    `<text x="${PAD}" y="37" fill="#444">${escapeXml(options.subtitle)}</text>`,
    legend(),
    ...frames,
    `</svg>`,
    '',
  ].join('\n');
}

function place(root: StackNode, span: number): Placed[] {
  const placed: Placed[] = [];
  const scale = root.totalUs > 0 ? span / root.totalUs : 0;
  const visit = (node: StackNode, x: number, depth: number) => {
    const width = node.totalUs * scale;
    if (width < MIN_PX) return;
    placed.push({ node, x, width, depth });
    let childX = x;
    for (const child of node.children) {
      visit(child, childX, depth + 1);
      childX += child.totalUs * scale;
    }
  };
  visit(root, PAD, 0);
  return placed;
}

function frameSvg(item: Placed, rootUs: number, baseY: number): string {
  const { frame, totalUs, selfUs } = item.node;
  const y = baseY - item.depth * ROW;
  const where = frame.file ? ` ${frame.file}${frame.line > 0 ? `:${frame.line}` : ''}` : '';
  const share = rootUs > 0 ? ((100 * totalUs) / rootUs).toFixed(2) : '0';
  const tip = `${frame.name}${where} [${frame.area}] ${ms(totalUs)} ms (${share}%), self ${ms(selfUs)} ms`;
  const chars = Math.floor((item.width - 6) / CHAR_PX);
  const label =
    chars < 3 ? '' : frame.name.length > chars ? `${frame.name.slice(0, chars - 2)}..` : frame.name;
  return (
    `<g><title>${escapeXml(tip)}</title>` +
    `<rect x="${item.x.toFixed(2)}" y="${y}" width="${item.width.toFixed(2)}" height="${ROW - 1}" rx="2" fill="${colour(frame.category, frame.area)}"/>` +
    (label ? `<text x="${(item.x + 3).toFixed(2)}" y="${y + 12}">${escapeXml(label)}</text>` : '') +
    `</g>`
  );
}

function legend(): string {
  return (Object.keys(PALETTE) as FrameCategory[])
    .map((category, index) => {
      const x = PAD + index * 280;
      return (
        `<rect x="${x}" y="46" width="12" height="12" fill="${colour(category, '')}"/>` +
        `<text x="${x + 17}" y="56">${escapeXml(PALETTE[category].label)}</text>`
      );
    })
    .join('\n');
}

export function colour(category: FrameCategory, area: string): string {
  const { hue, sat } = PALETTE[category];
  const lightness = 62 + (hash(area) % 16);
  return `hsl(${hue + (hash(area) % 12)},${sat}%,${lightness}%)`;
}

function hash(text: string): number {
  let value = 0;
  for (const char of text) value = (value * 31 + char.charCodeAt(0)) >>> 0;
  return value;
}

function ms(us: number): string {
  return (us / 1000).toFixed(1);
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
