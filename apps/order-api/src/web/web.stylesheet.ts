/**
 * The pages' only stylesheet, served from /assets (style-src 'self'). Plain CSS, no build step;
 * the pages stay readable without it.
 */
export const WEB_STYLESHEET = `
:root { --ink: #1d2330; --muted: #5b6475; --line: #d9dee7; --accent: #2457c5; --ok: #1f7a3e;
  --bad: #b3261e; --warn: #9a6700; --paper: #ffffff; --wash: #f4f6fa;
  font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); }
body { margin: 0; background: var(--wash); }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
.site-header { display: flex; gap: 1rem; align-items: baseline; padding: .75rem 1.25rem;
  background: var(--ink); color: #fff; }
.site-header a { color: #fff; }
.site-header .brand { font-weight: 700; text-decoration: none; }
.site-header .section { color: #c9d2e3; }
.site-header nav { margin-left: auto; display: flex; gap: 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 1.75rem; }
section, .card { background: var(--paper); border: 1px solid var(--line); border-radius: 6px;
  padding: 1rem; margin: 1rem 0; }
table { border-collapse: collapse; width: 100%; background: var(--paper); }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { font-weight: 600; color: var(--muted); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
label { display: block; font-weight: 600; margin: .6rem 0 .2rem; }
label.inline { display: inline; font-weight: 400; }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 1rem 0; }
legend { font-weight: 600; padding: 0 .3rem; }
ol.timeline { padding-left: 1.4rem; } ol.timeline time { font-variant-numeric: tabular-nums; }
input, select, textarea { font: inherit; padding: .35rem .5rem; border: 1px solid #aab3c2;
  border-radius: 4px; min-width: 14rem; }
input[type='radio'], input[type='checkbox'] { min-width: 0; margin-right: .4rem; }
button { font: inherit; padding: .4rem .9rem; border-radius: 4px; border: 1px solid var(--accent);
  background: var(--accent); color: #fff; cursor: pointer; }
button.secondary { background: var(--paper); color: var(--accent); }
button.danger { background: var(--bad); border-color: var(--bad); }
button:disabled { opacity: .6; cursor: progress; }
:focus-visible { outline: 3px solid #f0b429; outline-offset: 2px; }
.muted { color: var(--muted); }
.status { font-weight: 700; }
.status-SHIPPED, .ok { color: var(--ok); }
.status-PAYMENT_FAILED, .status-OUT_OF_STOCK, .status-CANCELLED, .error { color: var(--bad); }
.warn { color: var(--warn); }
.grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); }
.figure { font-size: 1.6rem; font-variant-numeric: tabular-nums; }
.sparkline { width: 8rem; height: 1.5rem; vertical-align: middle; }
.sparkline polyline { fill: none; stroke: var(--accent); stroke-width: 1.5; }
.waterfall { width: 100%; }
.waterfall .bar { fill: var(--accent); }
.waterfall .bar.error { fill: var(--bad); }
.waterfall text { font-size: 11px; fill: var(--ink); }
pre { background: var(--wash); padding: .6rem; overflow-x: auto; font-size: .85rem; }
/* Operations console */
section > h2:first-child { margin-top: 0; }
td pre { max-width: 28rem; max-height: 14rem; overflow: auto; white-space: pre-wrap;
  word-break: break-all; margin: 0; }
.console-nav { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: .5rem 0;
  border-bottom: 1px solid var(--line); }
.console-nav form { display: flex; gap: .5rem; align-items: center; margin: 0; }
.console-nav form:last-child { margin-left: auto; }
.console-nav input { min-width: 18rem; }
.sparkline circle { fill: var(--accent); }
td.error, .figure.error { color: var(--bad); font-weight: 700; }
.waterfall-row { display: grid; grid-template-columns: 22rem 1fr; gap: .5rem; align-items: center; }
.waterfall-row > span { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.waterfall-row svg { width: 100%; height: .8rem; }
.waterfall-service { font-weight: 600; margin-top: .75rem; }
.waterfall .track { fill: var(--wash); }
.progress { font-variant-numeric: tabular-nums; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.facts dt { color: var(--muted); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
`;
