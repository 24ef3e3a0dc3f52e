import { isTerminal, type OrderStatus } from '../../orders/domain/order-status';
import type { OrderView } from '../../orders/get-order/order.view';
import { html, type HtmlFragment } from '../../web/html.template';
import { formatMoney } from '../money.format';

/** What each status means to a shopper; the code itself is shown too, as the API names it. */
const STATUS_TEXT: Record<OrderStatus, string> = {
  PENDING: 'placed, waiting for the payment',
  PAYMENT_AUTHORIZED: 'payment authorized, reserving stock',
  INVENTORY_RESERVED: 'stock reserved, shipping',
  SHIPPED: 'shipped',
  PAYMENT_FAILED: 'the payment failed',
  OUT_OF_STOCK: 'out of stock, the payment was released',
  CANCELLED: 'cancelled',
};

export function orderStreamUrl(orderId: string): string {
  return `/shop/orders/${orderId}/events`;
}

/**
 * The order panel: connects to the order's status stream (htmx's SSE extension) until the order
 * ends, swapping in each `status` event and closing on `done`. An ended order needs no stream.
 */
export function renderOrderPanel(order: OrderView): HtmlFragment {
  if (isTerminal(order.status)) {
    return html`<div id="order-panel">${renderOrderStatus(order)}</div>`;
  }
  return html`<div
    id="order-panel"
    hx-ext="sse"
    sse-connect="${orderStreamUrl(order.id)}"
    sse-swap="status"
    sse-close="done"
  >
    ${renderOrderStatus(order)}
  </div>`;
}

/** The order's status, why it failed if it did, and each step with its time. */
export function renderOrderStatus(order: OrderView): HtmlFragment {
  const status = order.status;
  return html`<p>
      Order <code>${order.id}</code>, ${formatMoney(order.totalCents, order.currency)}:
      <strong class="status status-${status}" data-order-status="${status}">${status}</strong>
      <span>— ${STATUS_TEXT[status]}</span>
    </p>
    ${
      order.failureReason &&
      html`<p class="error" data-failure-reason>Reason: ${order.failureReason}</p>`
    }
    ${
      order.shipment &&
      html`<p>
        Shipped with ${order.shipment.carrier}, tracking number ${order.shipment.trackingNumber}
      </p>`
    }
    <ol class="timeline" aria-label="Timeline">
      ${order.timeline.map(
        (step) =>
          html`<li>
            <time datetime="${step.at}">${timeOfDay(step.at)}</time>
            <span class="status status-${step.status}">${step.status}</span>
            ${step.reason && html`<span class="muted">(${step.reason})</span>`}
          </li>`,
      )}
    </ol>
    ${!isTerminal(status) && html`<p class="muted">Updates arrive as they happen.</p>`}`;
}

/** hh:mm:ss.mmm UTC: the steps of an order are often less than a second apart. */
function timeOfDay(iso: string): string {
  return `${iso.slice(11, 23)} UTC`;
}
