export interface ChartSeries {
  name: string;
  /** One value per x; null leaves a gap. */
  values: (number | null)[];
  dashed?: boolean;
}

export interface ChartBand {
  name: string;
  from: number;
  to: number;
}

export interface LineChartOptions {
  title: string;
  unit: string;
  x: number[];
  series: ChartSeries[];
  /** Shaded stretches of x (the load phases). */
  bands?: ChartBand[];
}

const WIDTH = 880;
const HEIGHT = 280;
const MARGIN = { left: 72, right: 16, top: 48, bottom: 36 };
const PALETTE = [
  '#1f6feb',
  '#d1242f',
  '#1a7f37',
  '#bf8700',
  '#8250df',
  '#0598bc',
  '#bc4c00',
  '#57606a',
];

/** A line chart as a standalone inline SVG string: no script, no fonts or files to fetch. */
export function renderLineChart(options: LineChartOptions): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const xMax = Math.max(1, ...options.x);
  const values = options.series.flatMap((series) =>
    series.values.filter((v): v is number => v !== null),
  );
  const yTicks = niceTicks(Math.max(0, ...values));
  const yMax = yTicks[yTicks.length - 1];
  const sx = (x: number) => MARGIN.left + (x / xMax) * plotWidth;
  const sy = (y: number) => MARGIN.top + plotHeight - (y / yMax) * plotHeight;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeXml(options.title)}" font-family="system-ui, sans-serif" font-size="11">`,
    `<text x="${MARGIN.left}" y="18" font-size="14" font-weight="600">${escapeXml(options.title)}</text>`,
    ...(options.bands ?? []).map((band, index) => renderBand(band, index, sx, plotHeight)),
    ...yTicks.map((tick) => gridLine(tick, sy(tick), options.unit)),
    ...niceTicks(xMax)
      .filter((tick) => tick <= xMax)
      .map((tick) => xTick(tick, sx(tick))),
    `<text x="${WIDTH - MARGIN.right}" y="${HEIGHT - 4}" text-anchor="end" fill="#57606a">seconds</text>`,
    ...options.series.map((series, index) => renderSeries(series, options.x, index, sx, sy)),
    renderLegend(options.series),
  ];
  if (values.length === 0) {
    parts.push(
      `<text x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle" fill="#57606a">no data</text>`,
    );
  }
  return `${parts.join('\n')}\n</svg>`;
}

/** 0 and about five round steps (1, 2 or 5 × 10^n) covering max. */
export function niceTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step =
    [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= rough) ?? rough;
  const ticks: number[] = [];
  for (let tick = 0; tick < max + step; tick += step) ticks.push(Number(tick.toPrecision(12)));
  return ticks;
}

function renderBand(band: ChartBand, index: number, sx: (x: number) => number, plotHeight: number) {
  const x = sx(band.from);
  const width = Math.max(0, sx(band.to) - x);
  const fill = index % 2 === 0 ? '#f6f8fa' : '#eaeef2';
  const fits = width > band.name.length * 6.5 + 8;
  return (
    `<rect x="${fmt(x)}" y="${MARGIN.top}" width="${fmt(width)}" height="${plotHeight}" fill="${fill}"><title>${escapeXml(band.name)}</title></rect>` +
    (fits
      ? `<text x="${fmt(x + 4)}" y="${MARGIN.top + 12}" fill="#57606a">${escapeXml(band.name)}</text>`
      : '')
  );
}

function gridLine(tick: number, y: number, unit: string) {
  return (
    `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${fmt(y)}" y2="${fmt(y)}" stroke="#d0d7de" stroke-width="0.5"/>` +
    `<text x="${MARGIN.left - 6}" y="${fmt(y + 4)}" text-anchor="end">${compact(tick)}${tick === 0 ? '' : ` ${escapeXml(unit)}`}</text>`
  );
}

function xTick(tick: number, x: number) {
  const y = HEIGHT - MARGIN.bottom;
  return (
    `<line x1="${fmt(x)}" x2="${fmt(x)}" y1="${y}" y2="${y + 4}" stroke="#57606a"/>` +
    `<text x="${fmt(x)}" y="${y + 16}" text-anchor="middle">${tick}</text>`
  );
}

function renderSeries(
  series: ChartSeries,
  xs: number[],
  index: number,
  sx: (x: number) => number,
  sy: (y: number) => number,
) {
  let path = '';
  const dots: string[] = [];
  const at = (i: number) => (series.values[i] ?? null) !== null && xs[i] !== undefined;
  series.values.forEach((value, i) => {
    if (value === null || !at(i)) return;
    const point = `${fmt(sx(xs[i]))},${fmt(sy(value))}`;
    path += `${at(i - 1) ? 'L' : 'M'}${point}`;
    // A value with no neighbour would draw nothing as a path.
    if (!at(i - 1) && !at(i + 1)) {
      dots.push(
        `<circle cx="${fmt(sx(xs[i]))}" cy="${fmt(sy(value))}" r="2.5" fill="${color(index)}"/>`,
      );
    }
  });
  const dash = series.dashed ? ' stroke-dasharray="5 4"' : '';
  return (
    `<g><title>${escapeXml(series.name)}</title>` +
    `<path d="${path}" fill="none" stroke="${color(index)}" stroke-width="1.6"${dash}/>${dots.join('')}</g>`
  );
}

function renderLegend(series: ChartSeries[]) {
  let x = MARGIN.left;
  return series
    .map((entry, index) => {
      const item =
        `<line x1="${x}" x2="${x + 18}" y1="34" y2="34" stroke="${color(index)}" stroke-width="2"${entry.dashed ? ' stroke-dasharray="5 4"' : ''}/>` +
        `<text x="${x + 22}" y="38">${escapeXml(entry.name)}</text>`;
      x += 34 + entry.name.length * 6.5;
      return item;
    })
    .join('');
}

function color(index: number): string {
  return PALETTE[index % PALETTE.length];
}

function compact(value: number): string {
  return value >= 10_000 ? `${Number((value / 1000).toPrecision(6))}k` : String(value);
}

function fmt(value: number): string {
  return value.toFixed(1);
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
