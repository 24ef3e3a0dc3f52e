import { html, type HtmlFragment } from '../../web/html.template';
import { ORDER_STATUSES } from '../../orders/domain/order-status';
import type { OverviewHistory } from './overview.history';
import type { OverviewSnapshot, QueueFigures } from './overview.snapshot';
import { sparkline } from './sparkline.svg';

/** The live part of the overview, re-rendered for every snapshot and swapped in over SSE. */
export function renderOverview(snapshot: OverviewSnapshot, history: OverviewHistory): HtmlFragment {
  return html`<p class="muted" data-sampled-at="${snapshot.at}">
      Sampled ${new Date(snapshot.at).toISOString()} · every 2 s while a console is open
    </p>
    ${
      snapshot.errors.length > 0
        ? html`<ul class="warn" role="status">
            ${snapshot.errors.map((error) => html`<li>${error}</li>`)}
          </ul>`
        : null
    }
    ${renderOrders(snapshot, history)} ${renderQueues(snapshot, history)}
    ${renderOutboxAndReconciler(snapshot, history)}`;
}

function renderOrders(snapshot: OverviewSnapshot, history: OverviewHistory): HtmlFragment {
  const placed = formatRate(snapshot.placedPerSecond);
  const shipped = formatRate(snapshot.shippedPerSecond);
  return html`<section aria-labelledby="orders-heading">
    <h2 id="orders-heading">Orders</h2>
    <div class="grid">
      <div>
        <div class="figure" data-figure="placed-per-second">${placed}</div>
        placed per second
        ${sparkline(
          history.series((s) => s.placedPerSecond),
          `Orders placed per second, now ${placed}`,
        )}
      </div>
      <div>
        <div class="figure" data-figure="shipped-per-second">${shipped}</div>
        shipped per second
        ${sparkline(
          history.series((s) => s.shippedPerSecond),
          `Orders shipped per second, now ${shipped}`,
        )}
      </div>
    </div>
    <table>
      <caption class="visually-hidden">
        Orders by status
      </caption>
      <thead>
        <tr>
          ${ORDER_STATUSES.map((status) => html`<th class="num" scope="col">${status}</th>`)}
        </tr>
      </thead>
      <tbody>
        <tr>
          ${ORDER_STATUSES.map(
            (status) =>
              html`<td class="num" data-status="${status}">
                ${snapshot.ordersByStatus[status] ?? 0}
              </td>`,
          )}
        </tr>
      </tbody>
    </table>
  </section>`;
}

function renderQueues(snapshot: OverviewSnapshot, history: OverviewHistory): HtmlFragment {
  return html`<section aria-labelledby="queues-heading">
    <h2 id="queues-heading">Queues</h2>
    <table>
      <thead>
        <tr>
          <th scope="col">Queue</th>
          <th class="num" scope="col">Visible</th>
          <th class="num" scope="col">In flight</th>
          <th class="num" scope="col">Delayed</th>
          <th class="num" scope="col">DLQ</th>
          <th class="num" scope="col">Message wait (mean, last minute)</th>
          <th scope="col">Last minutes</th>
        </tr>
      </thead>
      <tbody>
        ${snapshot.queues.map((figures) => renderQueueRow(figures, history))}
      </tbody>
    </table>
  </section>`;
}

function renderQueueRow(figures: QueueFigures, history: OverviewHistory): HtmlFragment {
  const of = (snapshot: OverviewSnapshot) => snapshot.queues.find((q) => q.queue === figures.queue);
  const count = (value: number | undefined) => (value === undefined ? '?' : value);
  const wait = figures.waitMeasured ? formatSeconds(figures.waitSeconds) : 'not measured here';
  return html`<tr data-queue="${figures.queue}">
    <th scope="row">
      <a href="/console/dead-letters/${figures.queue}">${figures.queue}</a>
    </th>
    <td class="num" data-figure="visible">${count(figures.visible)}</td>
    <td class="num" data-figure="in-flight">${count(figures.inFlight)}</td>
    <td class="num" data-figure="delayed">${count(figures.delayed)}</td>
    <td class="num ${figures.dlq ? 'error' : ''}" data-figure="dlq">${count(figures.dlq)}</td>
    <td class="num" data-figure="wait">${wait}</td>
    <td>
      ${sparkline(
        history.series((s) => {
          const queue = of(s);
          return queue?.visible === undefined ? null : queue.visible + (queue.inFlight ?? 0);
        }),
        `${figures.queue}: visible and in flight over the last minutes`,
      )}
      ${sparkline(
        history.series((s) => of(s)?.dlq),
        `${figures.queue}: dead-lettered over the last minutes`,
      )}
      ${
        figures.waitMeasured
          ? sparkline(
              history.series((s) => of(s)?.waitSeconds),
              `${figures.queue}: message wait over the last minutes`,
            )
          : null
      }
    </td>
  </tr>`;
}

function renderOutboxAndReconciler(
  snapshot: OverviewSnapshot,
  history: OverviewHistory,
): HtmlFragment {
  const run = snapshot.reconciler;
  return html`<div class="grid">
    <section aria-labelledby="outbox-heading">
      <h2 id="outbox-heading">Outbox backlog (order API)</h2>
      <div class="figure" data-figure="outbox">${snapshot.outbox.rows}</div>
      messages committed and not yet accepted by SQS; oldest
      ${formatSeconds(snapshot.outbox.oldestAgeSeconds)}
      ${sparkline(
        history.series((s) => s.outbox.rows),
        `Outbox backlog, now ${snapshot.outbox.rows}`,
      )}
    </section>
    <section aria-labelledby="reconciler-heading">
      <h2 id="reconciler-heading">Reconciler (this replica)</h2>
      ${
        run
          ? html`<p data-figure="reconciler">
              Last run ${run.finishedAt.toISOString()}: re-sent ${run.resent} stuck order(s)
              ${run.error ? html`<span class="error">, failed: ${run.error}</span>` : null}
            </p>`
          : html`<p data-figure="reconciler" class="muted">Not run yet in this process</p>`
      }
    </section>
  </div>`;
}

export function formatRate(value: number | null): string {
  return value === null ? '…' : value.toFixed(1);
}

export function formatSeconds(value: number | null): string {
  if (value === null) return '—';
  return value < 1 ? `${Math.round(value * 1000)} ms` : `${value.toFixed(1)} s`;
}
