import type { OrderView } from '../../orders/get-order/order.view';
import { renderOrderPanel } from './order-status.view';
import { serverSentEvent } from './server-sent.event';

const pending: OrderView = {
  id: '6f1c8a9e-1d2b-4c3d-8e9f-0a1b2c3d4e5f',
  customerId: 'alice',
  status: 'PENDING',
  items: [{ sku: 'MUG', name: 'Mug', quantity: 2, unitPriceCents: 1250, lineTotalCents: 2500 }],
  totalCents: 2500,
  currency: 'EUR',
  shippingAddress: { name: 'A', line1: 'l1', city: 'c', postalCode: 'p', country: 'DE' },
  shipment: null,
  failureReason: null,
  timeline: [{ status: 'PENDING', at: '2026-12-05T10:00:00.123Z' }],
  createdAt: '2026-12-05T10:00:00.123Z',
  updatedAt: '2026-12-05T10:00:00.123Z',
};

const failed: OrderView = {
  ...pending,
  status: 'PAYMENT_FAILED',
  failureReason: 'card_declined: <b>generic</b>',
  timeline: [
    ...pending.timeline,
    { status: 'PAYMENT_FAILED', at: '2026-12-05T10:00:01.456Z', reason: 'card_declined' },
  ],
};

describe('the order panel', () => {
  it('streams an order that can still move, and shows each step with its time', () => {
    const panel = renderOrderPanel(pending).toString();
    expect(panel).toContain(`sse-connect="/shop/orders/${pending.id}/events"`);
    expect(panel).toContain('sse-close="done"');
    expect(panel).toContain('€25.00');
    expect(panel).toContain('<time datetime="2026-12-05T10:00:00.123Z">10:00:00.123 UTC</time>');
  });

  it('shows an ended order with its reason, escaped, and opens no stream', () => {
    const panel = renderOrderPanel(failed).toString();
    expect(panel).not.toContain('sse-connect');
    expect(panel).toContain('data-order-status="PAYMENT_FAILED"');
    expect(panel).toContain('Reason: card_declined: &lt;b&gt;generic&lt;/b&gt;');
  });
});

describe('serverSentEvent', () => {
  it('puts every line of the data in its own data field', () => {
    expect(serverSentEvent('status', '<p>\n  a\r\n</p>')).toBe(
      'event: status\ndata: <p>\ndata:   a\ndata: </p>\n\n',
    );
    expect(() => serverSentEvent('bad\nname', 'x')).toThrow();
  });
});
