import type Stripe from 'stripe';
import type { AuditSnapshot, AuditedOrder } from './audit.snapshot';
import { checkAll } from './invariant.auditor';
import { violationLine } from './audit-report.renderer';

const shipped: AuditedOrder = {
  id: 'order-shipped',
  status: 'SHIPPED',
  totalCents: 1000,
  currency: 'eur',
  createdAt: new Date(),
  timeline: [
    { status: 'PENDING', at: '2026-12-05T10:00:00Z' },
    { status: 'SHIPPED', at: '2026-12-05T10:00:01Z' },
  ],
};

const intent = (id: string, fields: Partial<Stripe.PaymentIntent>): Stripe.PaymentIntent =>
  ({
    id,
    status: 'succeeded',
    amount_received: 1000,
    currency: 'eur',
    metadata: { order_id: shipped.id },
    ...fields,
  }) as Stripe.PaymentIntent;

function snapshot(overrides: Partial<AuditSnapshot> = {}): AuditSnapshot {
  return {
    orders: new Map([[shipped.id, shipped]]),
    missingOrderIds: [],
    deadLetteredOrderIds: new Set(),
    deadLetterMessages: {},
    intents: [intent('pi_1', {})],
    refundedCents: new Map(),
    acceptedIntentOrderIds: new Set([shipped.id]),
    orphanRows: [],
    shipments: new Map([[shipped.id, 'CREATED']]),
    reservations: new Map([[shipped.id, 'FULFILLED']]),
    stock: [
      {
        sku: 'S',
        available: 9,
        received: 10,
        reserved: 0,
        shipped: 1,
        reservedUnits: 0,
        fulfilledUnits: 1,
      },
    ],
    outboxBacklog: { orders: { rows: 0, oldestSeconds: null } },
    ...overrides,
  };
}

const lines = (overrides: Partial<AuditSnapshot>) =>
  checkAll(snapshot(overrides), { orders: { all: true } }).map(violationLine);

describe('checkAll', () => {
  it('finds nothing in a consistent deployment', () => {
    expect(lines({})).toEqual([]);
  });

  it('accounts refunds: a shipped order fully refunded later keeps its one capture', () => {
    expect(lines({ refundedCents: new Map([['pi_1', 1000]]) })).toEqual([]);
  });

  it('names money kept on an order that did not ship, unless refunded', () => {
    const cancelled = {
      ...shipped,
      status: 'CANCELLED',
      timeline: [
        shipped.timeline[0],
        { status: 'CANCELLED', at: '2026-12-05T10:00:02Z', reason: 'asked' },
      ],
    };
    const orders = new Map([[shipped.id, cancelled]]);
    expect(lines({ orders, shipments: new Map() })).toEqual([
      `order ${shipped.id}: I3 kept 1000 of a CANCELLED order`,
    ]);
    expect(
      lines({ orders, shipments: new Map(), refundedCents: new Map([['pi_1', 1000]]) }),
    ).toEqual([]);
  });

  it('names an order neither terminal nor dead-lettered, and accepts it once a DLQ holds its message', () => {
    const pending = {
      ...shipped,
      status: 'PAYMENT_AUTHORIZED',
      timeline: [shipped.timeline[0], { status: 'PAYMENT_AUTHORIZED', at: '2026-12-05T10:00:01Z' }],
    };
    const base = {
      orders: new Map([[shipped.id, pending]]),
      intents: [intent('pi_1', { status: 'requires_capture', amount_received: 0 })],
      shipments: new Map(),
    };
    expect(lines(base)).toEqual([`order ${shipped.id}: I1 neither terminal nor dead-lettered`]);
    expect(lines({ ...base, deadLetteredOrderIds: new Set([shipped.id]) })).toEqual([]);
  });

  it('names orphan rows, stock that does not add up and an undrained outbox', () => {
    expect(
      lines({
        orphanRows: [{ table: 'shipping.shipments', orderId: 'ghost' }],
        stock: [
          {
            sku: 'S',
            available: 9,
            received: 10,
            reserved: 1,
            shipped: 1,
            reservedUnits: 0,
            fulfilledUnits: 1,
          },
        ],
        outboxBacklog: { payments: { rows: 2, oldestSeconds: 61.4 } },
      }),
    ).toEqual([
      'order ghost: I2 shipping.shipments row for an order never accepted',
      'sku S: I4 units do not add up to the 10 received (available 9, reserved 1, shipped 1)',
      'sku S: I4 RESERVED reservations hold 0 units (available 9, reserved 1, shipped 1)',
      'deployment: I8 payments.outbox holds 2 unsent row(s), the oldest 61 s old',
    ]);
  });

  it('names a capture of the wrong amount and a second PaymentIntent', () => {
    expect(
      lines({
        intents: [
          intent('pi_1', { amount_received: 900 }),
          intent('pi_2', { status: 'canceled', amount_received: 0 }),
        ],
      }),
    ).toEqual([
      `order ${shipped.id}: I3 pi_1 captured 900 eur, the order totals 1000 eur`,
      `order ${shipped.id}: I6 2 PaymentIntents: pi_1 succeeded, pi_2 canceled`,
    ]);
  });
});
