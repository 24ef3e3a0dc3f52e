import { timelineViolations } from './timeline.check';
import type { AuditedOrder } from './audit.snapshot';

const order = (status: string, steps: [string, string?][]): AuditedOrder => ({
  id: 'o-1',
  status,
  totalCents: 100,
  currency: 'eur',
  createdAt: new Date('2026-12-05T10:00:00Z'),
  timeline: steps.map(([stepStatus, reason], index) => ({
    status: stepStatus,
    at: new Date(Date.UTC(2026, 11, 5, 10, 0, index)).toISOString(),
    ...(reason ? { reason } : {}),
  })),
});

describe('timelineViolations', () => {
  it('accepts the success path, a skipped step (a late event dropped as stale) and a rejected-cancellation note', () => {
    expect(
      timelineViolations(
        order('SHIPPED', [
          ['PENDING'],
          ['PAYMENT_AUTHORIZED'],
          ['INVENTORY_RESERVED'],
          ['SHIPPED'],
        ]),
      ),
    ).toEqual([]);
    expect(
      timelineViolations(order('SHIPPED', [['PENDING'], ['INVENTORY_RESERVED'], ['SHIPPED']])),
    ).toEqual([]);
    expect(
      timelineViolations(
        order('SHIPPED', [['PENDING'], ['SHIPPED'], ['SHIPPED', 'cancellation too late']]),
      ),
    ).toEqual([]);
  });

  it('accepts each failure from the statuses the state machine allows', () => {
    expect(
      timelineViolations(order('PAYMENT_FAILED', [['PENDING'], ['PAYMENT_FAILED', 'declined']])),
    ).toEqual([]);
    expect(
      timelineViolations(
        order('OUT_OF_STOCK', [['PENDING'], ['PAYMENT_AUTHORIZED'], ['OUT_OF_STOCK', 'sku']]),
      ),
    ).toEqual([]);
    expect(
      timelineViolations(
        order('CANCELLED', [['PENDING'], ['INVENTORY_RESERVED'], ['CANCELLED', 'asked']]),
      ),
    ).toEqual([]);
  });

  it('names a missing first state, a move backwards, an illegal failure and a step after the end', () => {
    expect(timelineViolations(order('SHIPPED', [['PAYMENT_AUTHORIZED'], ['SHIPPED']]))).toEqual([
      'starts at PAYMENT_AUTHORIZED, not PENDING',
    ]);
    expect(
      timelineViolations(
        order('PAYMENT_AUTHORIZED', [['PENDING'], ['INVENTORY_RESERVED'], ['PAYMENT_AUTHORIZED']]),
      ),
    ).toEqual(['step 2: INVENTORY_RESERVED → PAYMENT_AUTHORIZED moves backwards']);
    expect(
      timelineViolations(
        order('PAYMENT_FAILED', [['PENDING'], ['INVENTORY_RESERVED'], ['PAYMENT_FAILED', 'x']]),
      ),
    ).toEqual(['step 2: INVENTORY_RESERVED → PAYMENT_FAILED is not a failure this status allows']);
    expect(
      timelineViolations(order('SHIPPED', [['PENDING'], ['CANCELLED', 'asked'], ['SHIPPED']])),
    ).toEqual(['step 2: CANCELLED → SHIPPED leaves a terminal status']);
  });

  it('names an empty timeline, a repeated status without a reason and a timeline that disagrees with the status', () => {
    expect(timelineViolations(order('PENDING', []))).toEqual(['empty timeline']);
    expect(timelineViolations(order('PENDING', [['PENDING'], ['PENDING']]))).toEqual([
      'step 1: PENDING → PENDING repeats a status without a reason',
    ]);
    expect(timelineViolations(order('SHIPPED', [['PENDING'], ['PAYMENT_AUTHORIZED']]))).toEqual([
      'ends at PAYMENT_AUTHORIZED but the order is SHIPPED',
    ]);
  });
});
