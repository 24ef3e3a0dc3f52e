import { html, type HtmlFragment } from '../../web/html.template';

const WIDTH = 100;
const HEIGHT = 24;

/**
 * A sparkline as inline SVG made of attributes only (no style attribute: the CSP forbids inline
 * styles); the stylesheet colours it. Unknown points break the line; a flat series sits at the
 * bottom. The accessible name says what it shows and its latest value.
 */
export function sparkline(values: readonly (number | null)[], label: string): HtmlFragment {
  const known = values.filter((value): value is number => value !== null);
  const max = Math.max(0, ...known);
  const step = values.length > 1 ? WIDTH / (values.length - 1) : 0;
  const segments: string[][] = [[]];
  values.forEach((value, index) => {
    if (value === null) {
      if (segments.at(-1)!.length > 0) segments.push([]);
      return;
    }
    const y = max > 0 ? HEIGHT - (value / max) * (HEIGHT - 2) - 1 : HEIGHT - 1;
    segments.at(-1)!.push(`${round(index * step)},${round(y)}`);
  });
  const lines = segments
    .filter((points) => points.length > 0)
    .map((points) =>
      points.length === 1
        ? html`<circle cx="${points[0].split(',')[0]}" cy="${points[0].split(',')[1]}" r="1.5" />`
        : html`<polyline points="${points.join(' ')}" />`,
    );
  return html`<svg
    class="sparkline"
    viewBox="0 0 ${WIDTH} ${HEIGHT}"
    preserveAspectRatio="none"
    role="img"
    aria-label="${label}"
  >
    <title>${label}</title>
    ${lines}
  </svg>`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
