import type Stripe from 'stripe';

export interface TimelineStep {
  status: string;
  at: string;
  reason?: string;
}

export interface AuditedOrder {
  id: string;
  status: string;
  totalCents: number;
  currency: string;
  timeline: TimelineStep[];
  createdAt: Date;
}

export interface StockRow {
  sku: string;
  available: number;
  received: number;
  reserved: number;
  shipped: number;
  /** Units held by reservations in status RESERVED and FULFILLED. */
  reservedUnits: number;
  fulfilledUnits: number;
}

/** Everything the checks look at, read from the deployment at one moment. */
export interface AuditSnapshot {
  orders: Map<string, AuditedOrder>;
  /** Ids the scope named that the database does not hold. */
  missingOrderIds: string[];
  deadLetteredOrderIds: Set<string>;
  deadLetterMessages: Record<string, number>;
  /** Every PaymentIntent in the Stripe window, and the refunds of those that captured money. */
  intents: Stripe.PaymentIntent[];
  refundedCents: Map<string, number>;
  /** Order ids named by PaymentIntents that the database holds (accepted orders). */
  acceptedIntentOrderIds: Set<string>;
  /** Rows of the workers' schemas whose order the database does not hold. */
  orphanRows: { table: string; orderId: string }[];
  shipments: Map<string, string>;
  reservations: Map<string, string>;
  stock: StockRow[];
  outboxBacklog: Record<string, { rows: number; oldestSeconds: number | null }>;
}

export const ORDER_ID_METADATA = 'order_id';
