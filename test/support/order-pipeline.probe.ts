import type { Shipment } from '@conveyor/contracts';
import { StripeEmulatorControl, type EmulatedPaymentIntentView } from '@conveyor/stripe-emulator';
import { waitFor, type ServiceProcess, withPostgresClient } from '@conveyor/dev-stack';
import type { ApiResponse } from './api-client';
import type { E2eStack } from './e2e-stack';

export interface StockLevels {
  available: number;
  reserved: number;
  shipped: number;
}

/** What the inventory worker holds for a SKU. */
export function stockOf(databaseUrl: string, sku: string): Promise<StockLevels> {
  return withPostgresClient(databaseUrl, async (sql) => {
    const { rows } = await sql.query<StockLevels>(
      'SELECT available, reserved, shipped FROM inventory.stock WHERE sku = $1',
      [sku],
    );
    return rows[0];
  });
}

/** What GET /products shows as `available` for a SKU. */
export async function catalogAvailability(e2e: E2eStack, sku: string): Promise<number | undefined> {
  const { body } = await e2e.api.request<{ sku: string; available: number }[]>('GET', '/products');
  return body.find((product) => product.sku === sku)?.available;
}

/** Outgoing messages a service committed that SQS has not accepted yet (optionally per order). */
export function outboxBacklog(
  databaseUrl: string,
  schema: string,
  orderIds?: string[],
): Promise<number> {
  return withPostgresClient(databaseUrl, async (sql) => {
    const { rows } = await sql.query<{ count: string }>(
      `SELECT count(*) AS count FROM "${schema}".outbox
       WHERE $1::text[] IS NULL OR envelope->>'orderId' = ANY($1::text[])`,
      [orderIds ?? null],
    );
    return Number(rows[0].count);
  });
}

/** The parts of the answer to GET /orders/{id} that tests read. */
export interface OrderBody {
  id: string;
  customerId: string;
  status: string;
  shipment: Shipment | null;
  failureReason: string | null;
  timeline: { status: string; at: string; reason?: string }[];
}

/** Polls GET /orders/{id} until the order has `status`; returns the order. */
export function waitForOrderStatus(
  e2e: E2eStack,
  token: string,
  orderId: string,
  status: string,
  timeoutMs = 30_000,
): Promise<OrderBody> {
  return waitFor(
    async () => {
      const { body } = await e2e.api.getOrder(token, orderId);
      if (body?.status === status) return body as OrderBody;
      // Thrown, not returned: a timeout then names the status the order was in instead.
      throw new Error(`order ${orderId} is ${JSON.stringify(body?.timeline ?? body)}`);
    },
    { timeoutMs, intervalMs: 250, description: `order ${orderId} to reach ${status}` },
  );
}

/** The PaymentIntents the Stripe emulator holds for one order. */
export async function paymentIntentsOf(
  stripeUrl: string,
  orderId: string,
): Promise<EmulatedPaymentIntentView[]> {
  const intents = await new StripeEmulatorControl(stripeUrl).listPaymentIntents();
  return intents.filter((intent) => intent.metadata.order_id === orderId);
}

/** The HTTP status of an app's readiness probe. */
export async function readinessOf(e2e: E2eStack, app: keyof E2eStack['ports']): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${e2e.ports[app]}/health/ready`);
  await response.body?.cancel();
  return response.status;
}

export function isRunning(service: ServiceProcess): boolean {
  return service.child.exitCode === null && service.child.signalCode === null;
}

/** Fails instead of hanging when `work` has not settled by the deadline. */
export async function withDeadline<T>(
  work: Promise<T>,
  timeoutMs: number,
  description: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${description}: no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The order API's answer while a dependency it cannot work without is down. */
export function expectServiceUnavailable(response: ApiResponse): void {
  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status: 503, code: 'SERVICE.UNAVAILABLE' });
}

/** The payment worker's row of an order, with what Stripe's webhooks recorded on it. */
export function paymentRecordOf(databaseUrl: string, orderId: string) {
  return withPostgresClient(databaseUrl, async (sql) => {
    const { rows } = await sql.query<{ status: string; refunded_cents: string; disputes: string }>(
      `SELECT status, refunded_cents,
              (SELECT count(*) FROM payments.disputes d WHERE d.order_id = p.order_id) AS disputes
       FROM payments.payments p WHERE order_id = $1`,
      [orderId],
    );
    return rows[0];
  });
}

/** Each worker's own record of an order: the payment, the reservation, the shipment. */
export type WorkerRecord = 'payments.payments' | 'inventory.reservations' | 'shipping.shipments';

/** The status of a worker's record for an order (undefined while it has none). */
export function recordStatusOf(
  databaseUrl: string,
  table: WorkerRecord,
  orderId: string,
): Promise<string | undefined> {
  return withPostgresClient(databaseUrl, async (sql) => {
    const { rows } = await sql.query<{ status: string }>(
      `SELECT status FROM ${table} WHERE order_id = $1`,
      [orderId],
    );
    return rows[0]?.status;
  });
}

/** Whether a service has applied a message (its inbox holds the message id). */
export function hasProcessed(
  databaseUrl: string,
  schema: string,
  messageId: string,
): Promise<boolean> {
  return withPostgresClient(databaseUrl, async (sql) => {
    const { rows } = await sql.query(`SELECT 1 FROM "${schema}".inbox WHERE message_id = $1`, [
      messageId,
    ]);
    return rows.length > 0;
  });
}

/**
 * Waits until a cancelled order is fully compensated: its reservation RELEASED, its payment
 * VOIDED and every PaymentIntent of it canceled. Returns those PaymentIntents (maybe none).
 */
export async function waitForCompensation(
  databaseUrl: string,
  stripeUrl: string,
  orderId: string,
): Promise<EmulatedPaymentIntentView[]> {
  const ends = { 'inventory.reservations': 'RELEASED', 'payments.payments': 'VOIDED' } as const;
  for (const [table, status] of Object.entries(ends) as [WorkerRecord, string][]) {
    await waitFor(async () => (await recordStatusOf(databaseUrl, table, orderId)) === status, {
      timeoutMs: 30_000,
      description: `${table} of order ${orderId} to be ${status}`,
    });
  }
  return waitFor(
    async () => {
      const intents = await paymentIntentsOf(stripeUrl, orderId);
      return intents.every((intent) => intent.status === 'canceled') && intents;
    },
    { timeoutMs: 30_000, description: `every PaymentIntent of order ${orderId} to be canceled` },
  );
}
