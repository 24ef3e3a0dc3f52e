import { Injectable } from '@nestjs/common';
import type { Envelope, PaymentVoidRequested } from '@conveyor/contracts';
import { TransactionalMessaging } from '@conveyor/inbox';
import { StripePaymentGateway } from '../../stripe/stripe-payment.gateway';
import { PaymentEntity } from '../payment.entity';

/**
 * Releases an authorization nobody will capture (stock ran out). A payment that was declined or
 * already voided needs nothing; a captured one is never voided.
 */
@Injectable()
export class VoidPaymentHandler {
  constructor(
    private readonly messaging: TransactionalMessaging,
    private readonly gateway: StripePaymentGateway,
  ) {}

  async handle(envelope: Envelope<'payment.void-requested', PaymentVoidRequested>) {
    const orderId = envelope.orderId!;
    await this.messaging.runOnce(envelope, async ({ manager }) => {
      const payment = await manager.findOne(PaymentEntity, {
        where: { orderId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!payment || payment.status !== 'AUTHORIZED' || !payment.paymentIntentId) return;
      await this.gateway.void(orderId, payment.paymentIntentId);
      await manager.update(
        PaymentEntity,
        { orderId },
        { status: 'VOIDED', failureReason: envelope.payload.reason, updatedAt: new Date() },
      );
    });
  }
}
