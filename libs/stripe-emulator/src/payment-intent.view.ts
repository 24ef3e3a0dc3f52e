import type { EmulatedPaymentIntentView } from './emulator.types';
import type { PaymentIntentRecord } from './payment-intents.service';

/** The control API's view of a PaymentIntent and what the emulator saw happen to it. */
export function toPaymentIntentView(record: PaymentIntentRecord): EmulatedPaymentIntentView {
  const { intent } = record;
  return {
    id: intent.id,
    status: intent.status,
    amount: intent.amount,
    currency: intent.currency,
    amount_capturable: intent.amount_capturable,
    amount_received: intent.amount_received,
    capture_method: intent.capture_method,
    metadata: { ...intent.metadata },
    latest_charge: typeof intent.latest_charge === 'string' ? intent.latest_charge : null,
    created: intent.created,
    captureCount: record.captureCount,
    cancellation: intent.canceled_at
      ? { canceledAt: intent.canceled_at, reason: intent.cancellation_reason }
      : null,
    refunds: record.refunds.map(({ refund, idempotencyKey }) => ({
      id: refund.id,
      amount: refund.amount,
      status: refund.status,
      idempotencyKey,
    })),
    amountRefunded: record.refunds.reduce((sum, { refund }) => sum + refund.amount, 0),
    idempotencyKey: record.idempotencyKey,
  };
}
