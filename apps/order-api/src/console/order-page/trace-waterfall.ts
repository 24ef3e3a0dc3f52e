import { html, type HtmlFragment } from '../../web/html.template';
import type { TraceSpan } from '@conveyor/tracing';

const WIDTH = 1000;

export interface WaterfallRow {
  span: TraceSpan;
  depth: number;
  /** Offset and length on a 0–1000 scale of the whole time range. */
  x: number;
  width: number;
  durationMs: number;
}

export interface WaterfallGroup {
  service: string;
  rows: WaterfallRow[];
}

const nanos = (value: string) => BigInt(value);

/**
 * Lays spans out on one time axis, grouped by service in the order each service first acted,
 * and within a service by start time; a span is indented under its parent when both are there.
 */
export function layOutWaterfall(spans: readonly TraceSpan[]): WaterfallGroup[] {
  if (spans.length === 0) return [];
  const start = spans.reduce(
    (min, s) => (nanos(s.startTimeUnixNano) < min ? nanos(s.startTimeUnixNano) : min),
    nanos(spans[0].startTimeUnixNano),
  );
  const end = spans.reduce(
    (max, s) => (nanos(s.endTimeUnixNano) > max ? nanos(s.endTimeUnixNano) : max),
    nanos(spans[0].endTimeUnixNano),
  );
  const range = Number(end - start) || 1;
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const depthOf = (span: TraceSpan): number => {
    let depth = 0;
    for (let parent = byId.get(span.parentSpanId ?? ''); parent && depth < 20; depth++) {
      parent = byId.get(parent.parentSpanId ?? '');
    }
    return depth;
  };
  const sorted = [...spans].sort((a, b) =>
    Number(nanos(a.startTimeUnixNano) - nanos(b.startTimeUnixNano)),
  );
  const groups = new Map<string, WaterfallRow[]>();
  for (const span of sorted) {
    const offset = Number(nanos(span.startTimeUnixNano) - start);
    const length = Number(nanos(span.endTimeUnixNano) - nanos(span.startTimeUnixNano));
    const rows = groups.get(span.service) ?? [];
    rows.push({
      span,
      depth: depthOf(span),
      x: round((offset / range) * WIDTH),
      width: Math.max(1, round((length / range) * WIDTH)),
      durationMs: length / 1e6,
    });
    groups.set(span.service, rows);
  }
  return [...groups].map(([service, rows]) => ({ service, rows }));
}

/** The waterfall as HTML and SVG attributes only (no style attribute: the CSP forbids them). */
export function renderWaterfall(groups: readonly WaterfallGroup[], variant = 'main'): HtmlFragment {
  return html`<div class="waterfall waterfall-${variant}" data-services="${groups.length}">
    ${groups.map(
      (group) =>
        html`<div class="waterfall-service" data-service="${group.service}">${group.service}</div>
          ${group.rows.map(renderRow)}`,
    )}
  </div>`;
}

function renderRow(row: WaterfallRow): HtmlFragment {
  const failed = row.span.status.code === 'error';
  const label = `${row.span.name} (${row.span.kind}), ${row.durationMs.toFixed(1)} ms${
    failed ? `, failed: ${row.span.status.message ?? 'error'}` : ''
  }`;
  return html`<div class="waterfall-row" data-span="${row.span.spanId}">
    <span class="muted">${'· '.repeat(row.depth)}${row.span.name}</span>
    <svg viewBox="0 0 ${WIDTH} 12" preserveAspectRatio="none" role="img" aria-label="${label}">
      <title>${label}</title>
      <rect class="track" x="0" y="0" width="${WIDTH}" height="12" />
      <rect
        class="bar${failed ? ' error' : ''}"
        x="${row.x}"
        y="1"
        width="${row.width}"
        height="10"
      />
    </svg>
  </div>`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
