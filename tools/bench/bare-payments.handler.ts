import type { Pool } from 'pg';
import type Stripe from 'stripe';
import type { BareHandler } from './bare-consumer.loop';
import type { BareOutbox } from './bare-outbox.relay';
import { bareTransaction, consumerOf, type BareEnvelope } from './bare.transaction';

interface AuthorizationRequest {
  customerId: string;
  paymentMethod: string;
  totalCents: number;
  currency: string;
  items: unknown[];
  shippingAddress: unknown;
}

/**
 * The payment worker's success path by hand: authorize with manual capture (the Stripe call
 * before the transaction, keyed by order), record it with its two outgoing messages; capture
 * under the payment's row lock and report the order shipped.
 */
export function barePaymentHandlers(
  pool: Pool,
  outbox: BareOutbox,
  stripe: Stripe,
): Record<string, BareHandler> {
  return {
    'payment.authorization-requested': (envelope) => authorize(pool, outbox, stripe, envelope),
    'payment.capture-requested': (envelope) => capture(pool, outbox, stripe, envelope),
  };
}

async function authorize(pool: Pool, outbox: BareOutbox, stripe: Stripe, envelope: BareEnvelope) {
  const orderId = envelope.orderId!;
  const payload = envelope.payload as unknown as AuthorizationRequest;
  const { rowCount } = await pool.query(
    'SELECT order_id FROM payments.payments WHERE order_id = $1',
    [orderId],
  );
  if (rowCount) return;
  const intent = await stripe.paymentIntents.create(
    {
      amount: payload.totalCents,
      currency: payload.currency.toLowerCase(),
      payment_method: payload.paymentMethod,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      capture_method: 'manual',
      confirm: true,
      metadata: { order_id: orderId, customer_id: payload.customerId },
    },
    { idempotencyKey: `conveyor-authorize-${orderId}` },
  );
  await bareTransaction(
    pool,
    outbox,
    consumerOf('payments', envelope),
    async ({ client, emit }) => {
      await client.query(
        `INSERT INTO payments.payments (order_id, payment_intent_id, status, amount_cents, currency, failure_reason)
       VALUES ($1, $2, 'AUTHORIZED', $3, $4, NULL) ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
        [orderId, intent.id, payload.totalCents, payload.currency],
      );
      emit('order.payment-authorized', orderId, { paymentIntentId: intent.id });
      emit('inventory.reservation-requested', orderId, {
        items: payload.items,
        shippingAddress: payload.shippingAddress,
      });
    },
  );
}

function capture(pool: Pool, outbox: BareOutbox, stripe: Stripe, envelope: BareEnvelope) {
  const orderId = envelope.orderId!;
  return bareTransaction(
    pool,
    outbox,
    consumerOf('payments', envelope),
    async ({ client, emit }) => {
      const { rows } = await client.query<{ payment_intent_id: string; status: string }>(
        `SELECT payment_intent_id, status FROM payments.payments WHERE order_id = $1 FOR UPDATE`,
        [orderId],
      );
      if (rows[0]?.status !== 'AUTHORIZED') throw new Error(`no authorized payment for ${orderId}`);
      const intent = await stripe.paymentIntents.capture(
        rows[0].payment_intent_id,
        {},
        { idempotencyKey: `conveyor-capture-${orderId}` },
      );
      await client.query(
        `UPDATE payments.payments SET status = 'CAPTURED', updated_at = $2 WHERE order_id = $1`,
        [orderId, new Date()],
      );
      emit('order.shipped', orderId, {
        shipment: envelope.payload.shipment,
        capturedCents: intent.amount_received,
      });
    },
  );
}
