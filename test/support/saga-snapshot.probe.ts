import { QUEUE_NAMES } from '@conveyor/contracts';
import type { QueueDirectory } from '@conveyor/messaging';
import { StripeEmulatorControl, type EmulatedPaymentIntentView } from '@conveyor/stripe-emulator';
import { peekEnvelopes, sqsClientFor } from './queue-messages.probe';
import { withPostgresClient } from '@conveyor/dev-stack';

/**
 * What a multi-order test hands over: the orders it placed and the SKUs it seeded (with their
 * initial stock; add any restocked units to `initial`), on the shared database and emulators.
 */
export interface InvariantScope {
  databaseUrl: string;
  stripeUrl: string;
  sqsEndpoint: string;
  /** The test's queues (E2eStack.directory): their dead-letter queues are peeked, not consumed. */
  directory: QueueDirectory;
  orderIds: readonly string[];
  skus: readonly { sku: string; initial: number }[];
}

/** What the services hold about a scope's orders and SKUs, read at one moment. */
export interface Snapshot {
  orders: Map<string, { status: string; totalCents: number }>;
  deadLettered: Set<string>;
  intents: Map<string, EmulatedPaymentIntentView[]>;
  shipments: Map<string, string>;
  stock: Map<string, { available: number; reserved: number; shipped: number }>;
  /** Units per SKU held by reservations in each status (RESERVED, FULFILLED). */
  reservedUnits: Map<string, number>;
  fulfilledUnits: Map<string, number>;
}

export async function readSnapshot(scope: InvariantScope): Promise<Snapshot> {
  const [rows, intents, deadLettered] = await Promise.all([
    readRows(scope),
    new StripeEmulatorControl(scope.stripeUrl).listPaymentIntents(),
    orderIdsInDeadLetterQueues(scope),
  ]);
  const unitsIn = (status: string) =>
    new Map(
      rows.units.filter((row) => row.status === status).map((row) => [row.sku, Number(row.units)]),
    );
  const byOrder = new Map<string, EmulatedPaymentIntentView[]>();
  for (const intent of intents) {
    const orderId = intent.metadata.order_id;
    if (orderId) byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), intent]);
  }
  return {
    orders: new Map(
      rows.orders.map(({ id, status, total_cents }) => [
        id,
        { status, totalCents: Number(total_cents) },
      ]),
    ),
    deadLettered,
    intents: byOrder,
    shipments: new Map(rows.shipments.map((row) => [row.order_id, row.status])),
    stock: new Map(rows.stock.map(({ sku, ...level }) => [sku, level])),
    reservedUnits: unitsIn('RESERVED'),
    fulfilledUnits: unitsIn('FULFILLED'),
  };
}

/** The rows each service holds for the scope, read on one connection. */
function readRows(scope: InvariantScope) {
  const orderIds = [...scope.orderIds];
  const skus = scope.skus.map((entry) => entry.sku);
  return withPostgresClient(scope.databaseUrl, async (sql) => ({
    orders: (
      await sql.query<{ id: string; status: string; total_cents: string }>(
        'SELECT id, status, total_cents FROM orders.orders WHERE id = ANY($1::uuid[])',
        [orderIds],
      )
    ).rows,
    shipments: (
      await sql.query<{ order_id: string; status: string }>(
        'SELECT order_id, status FROM shipping.shipments WHERE order_id = ANY($1::uuid[])',
        [orderIds],
      )
    ).rows,
    stock: (
      await sql.query<{ sku: string; available: number; reserved: number; shipped: number }>(
        'SELECT sku, available, reserved, shipped FROM inventory.stock WHERE sku = ANY($1)',
        [skus],
      )
    ).rows,
    units: (
      await sql.query<{ sku: string; status: string; units: string }>(
        `SELECT line->>'sku' AS sku, r.status, sum((line->>'quantity')::int) AS units
         FROM inventory.reservations r, jsonb_array_elements(r.items) AS line
         WHERE r.status IN ('RESERVED', 'FULFILLED') AND line->>'sku' = ANY($1)
         GROUP BY 1, 2`,
        [skus],
      )
    ).rows,
  }));
}

/** Order ids named by the envelopes in the test's dead-letter queues, which are left as found. */
async function orderIdsInDeadLetterQueues(scope: InvariantScope): Promise<Set<string>> {
  const sqs = sqsClientFor(scope.sqsEndpoint);
  const orderIds = new Set<string>();
  try {
    for (const queue of QUEUE_NAMES) {
      for (const envelope of await peekEnvelopes(sqs, scope.directory[queue].dlqUrl)) {
        if (typeof envelope.orderId === 'string') orderIds.add(envelope.orderId);
      }
    }
  } finally {
    sqs.destroy();
  }
  return orderIds;
}
