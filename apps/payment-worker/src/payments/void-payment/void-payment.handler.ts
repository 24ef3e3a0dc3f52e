import { Injectable } from '@nestjs/common';
import { PoisonMessageError, type ConsumedMessage, type MessageHandler } from '@conveyor/messaging';
import { PaymentMessaging } from '../../payment.messaging';
import { StripePaymentGateway } from '../../stripe/stripe-payment.gateway';
import { PaymentEntity } from '../payment.entity';

type Void = 'payment.void-requested';

/**
 * Releases an authorization nobody will capture: stock ran out, or the customer cancelled. If the
 * authorization has not happened yet, a VOIDED row (a tombstone) takes its place, so the authorization request
 * that arrives later charges nothing. A captured payment is never voided.
 */
@Injectable()
export class VoidPaymentHandler implements MessageHandler<Void> {
  constructor(
    private readonly messaging: PaymentMessaging,
    private readonly gateway: StripePaymentGateway,
  ) {}

  async handle({ envelope }: ConsumedMessage<Void>): Promise<void> {
    const { orderId } = envelope;
    const { reason } = envelope.payload;
    await this.messaging.runOnce(envelope, async ({ manager }) => {
      const tombstone = await manager.query<unknown[]>(
        `INSERT INTO payments.payments (order_id, status, amount_cents, currency, failure_reason)
         VALUES ($1, 'VOIDED', 0, 'XXX', $2) ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
        [orderId, reason],
      );
      if (tombstone.length > 0) return;
      const payment = await manager.findOne(PaymentEntity, {
        where: { orderId },
        lock: { mode: 'pessimistic_write' },
      });
      if (payment?.status === 'CAPTURED') {
        throw new PoisonMessageError(
          `payment of order ${orderId} is captured; it cannot be voided`,
        );
      }
      if (payment?.status !== 'AUTHORIZED' || !payment.paymentIntentId) return;
      // Under the row lock, so a concurrent capture waits and then finds the payment VOIDED.
      await this.gateway.void(orderId, payment.paymentIntentId);
      await manager.update(
        PaymentEntity,
        { orderId },
        { status: 'VOIDED', failureReason: reason, updatedAt: new Date() },
      );
    });
  }
}
