import type { TlsOptions } from 'node:tls';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { QueueDirectory } from '@conveyor/messaging';
import type Stripe from 'stripe';

export const INVARIANTS = {
  I1: 'nothing lost: every accepted order is terminal or has a message in a DLQ',
  I2: 'nothing invented: no PaymentIntent, payment, reservation or shipment without an accepted order',
  I3: 'no double charge: at most one capture per order, for exactly its total, refunds accounted',
  I4: 'stock conserved per SKU: received = available + reserved + shipped, no reservation on an ended order',
  I5: 'one shipment per shipped order, none for an order that did not ship',
  I6: 'duplicates never acted on twice: one PaymentIntent and one shipment per order',
  I7: 'every timeline is a legal path of the order state machine',
  I8: 'every outbox is drained',
} as const;
export type InvariantId = keyof typeof INVARIANTS;

/** A deployment to audit: its database, its queues and Stripe, through clients the caller owns. */
export interface AuditTarget {
  databaseUrl: string;
  /** The driver's TLS options (libs/persistence postgresSslOptions); plain TCP when left out. */
  databaseSsl?: false | TlsOptions;
  sqs: SQSClient;
  directory: QueueDirectory;
  stripe: Stripe;
}

export type OrderScope = { ids: readonly string[] } | { since: Date } | { all: true };

export interface AuditOptions {
  orders: OrderScope;
  /**
   * Seconds to wait for the deployment to settle: the audit is repeated until every invariant
   * holds or this time has passed, and the last result is reported (compensations and the
   * outbox relay trail an order's terminal status). 0 judges the first reading.
   */
  settleSeconds?: number;
  /** SKUs to check (all when left out); `initial` adds a check that `received` equals it. */
  skus?: readonly { sku: string; initial?: number }[];
  /** An empty order scope is a read failure (exit 2) unless this is set. */
  allowEmpty?: boolean;
  /** PaymentIntents created before this are out of scope (default: the scope's first order). */
  stripeSince?: Date;
}

export interface Violation {
  invariant: InvariantId;
  orderId?: string;
  sku?: string;
  /** What was found, e.g. `pi_123 captured 900, the order totals 1000`. */
  evidence: string;
}

export interface InvariantResult {
  id: InvariantId;
  name: string;
  holds: boolean;
  violations: Violation[];
}

export interface InvariantAuditReport {
  checkedAt: string;
  /** 0 every invariant holds, 1 a violation, 2 something could not be read. */
  exitCode: 0 | 1 | 2;
  invariants: InvariantResult[];
  readErrors: string[];
  counts: {
    ordersInScope: number;
    byStatus: Record<string, number>;
    deadLetteredOrders: number;
    deadLetterMessages: Record<string, number>;
    outboxBacklog: Record<string, number>;
    paymentIntents: number;
    skus: number;
  };
  /** Seconds until every invariant held; null when they never did within the settle time. */
  settledAfterSeconds: number | null;
}
