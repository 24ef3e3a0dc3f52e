import { html, type HtmlFragment } from '../../web/html.template';
import type { OrderView } from '../../orders/get-order/order.view';
import type { PendingMessage } from './order-messages.query';
import type { OrderTracesResult } from './order-traces';
import type { TraceSpan } from '@conveyor/tracing';
import { layOutWaterfall, renderWaterfall } from './trace-waterfall';

/** The order page's body: facts, timeline, messages and the trace waterfall. */
export function renderOrder(
  order: OrderView,
  pending: PendingMessage[],
  traces: OrderTracesResult,
): HtmlFragment {
  const spans = traces.configured && 'spans' in traces ? traces.spans : [];
  return html`<h1>Order <code>${order.id}</code></h1>
    <section aria-labelledby="facts-heading">
      <h2 id="facts-heading">Order</h2>
      <dl class="facts">
        <dt>Status</dt>
        <dd class="status status-${order.status}" data-figure="status">${order.status}</dd>
        <dt>Customer</dt>
        <dd>${order.customerId}</dd>
        <dt>Total</dt>
        <dd>${formatMoney(order.totalCents, order.currency)}</dd>
        <dt>Items</dt>
        <dd>${order.items.map((item) => `${item.quantity} × ${item.sku}`).join(', ')}</dd>
        ${
          order.failureReason
            ? html`<dt>Failure</dt>
                <dd class="error">${order.failureReason}</dd>`
            : null
        }
        ${
          order.shipment
            ? html`<dt>Shipment</dt>
                <dd>${JSON.stringify(order.shipment)}</dd>`
            : null
        }
      </dl>
    </section>
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">At</th>
            <th scope="col">Status</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          ${order.timeline.map(
            (entry) =>
              html`<tr>
                <td>${entry.at}</td>
                <td class="status status-${entry.status}">${entry.status}</td>
                <td>${entry.reason ?? ''}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>
    ${renderMessages(pending, spans)} ${renderTraces(traces)}`;
}

function renderMessages(pending: PendingMessage[], spans: TraceSpan[]): HtmlFragment {
  const messaging = spans.filter((span) => span.kind === 'producer' || span.kind === 'consumer');
  return html`<section aria-labelledby="messages-heading">
    <h2 id="messages-heading">Messages</h2>
    <h3>Waiting in the outbox</h3>
    ${
      pending.length === 0
        ? html`<p class="muted" data-figure="outbox">None: every message was accepted by SQS.</p>`
        : html`<table data-figure="outbox">
            <tbody>
              ${pending.map(
                (message) =>
                  html`<tr>
                    <td>${message.type}</td>
                    <td>${message.queue}</td>
                    <td>${message.createdAt.toISOString()}</td>
                    <td>${message.attempts} attempt(s) ${message.lastError ?? ''}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    <h3>Sent and received (from the traces)</h3>
    ${
      messaging.length === 0
        ? html`<p class="muted">No messaging spans recorded for this order.</p>`
        : html`<table data-figure="messages">
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Operation</th>
                <th scope="col">Queue</th>
                <th scope="col">Type</th>
                <th scope="col">Message id</th>
              </tr>
            </thead>
            <tbody>
              ${messaging.map(
                (span) =>
                  html`<tr>
                    <td>${span.service}</td>
                    <td>${text(span.attributes['messaging.operation.name'])}</td>
                    <td>${text(span.attributes['messaging.destination.name'])}</td>
                    <td>${text(span.attributes['conveyor.message_type'])}</td>
                    <td><code>${text(span.attributes['conveyor.message_id'])}</code></td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}

function renderTraces(traces: OrderTracesResult): HtmlFragment {
  const body = !traces.configured
    ? html`<p class="muted" data-figure="traces">
        Traces are not configured: set <code>TRACES_QUERY_URL</code> to the trace store's query URL
        (<code>npm start</code> runs one and sets it); see docs/console.md.
      </p>`
    : 'error' in traces
      ? html`<p class="error" data-figure="traces">Traces could not be read: ${traces.error}</p>`
      : traces.spans.length === 0
        ? html`<p class="muted" data-figure="traces">No spans recorded for this order yet.</p>`
        : renderTraceViews(traces.spans);
  return html`<section aria-labelledby="trace-heading">
    <h2 id="trace-heading">Trace</h2>
    ${body}
  </section>`;
}

/**
 * The spans that show the order's way (requests, messages sent and processed, calls out) on one
 * axis, and every span, framework hooks and database statements included, one click away.
 */
function renderTraceViews(spans: TraceSpan[]): HtmlFragment {
  const main = spans.filter(isWaypoint);
  return html`${renderWaterfall(layOutWaterfall(main))}
    <details>
      <summary>All ${spans.length} spans (framework hooks and database statements too)</summary>
      ${renderWaterfall(layOutWaterfall(spans), 'all-spans')}
    </details>`;
}

function isWaypoint(span: TraceSpan): boolean {
  const database = span.attributes['db.system'] ?? span.attributes['db.system.name'];
  return span.kind !== 'internal' && database === undefined;
}

function text(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return value === undefined || value === null ? '' : JSON.stringify(value);
}

function formatMoney(cents: number, currency: string): string {
  return `${(cents / 100).toFixed(2)} ${currency}`;
}
