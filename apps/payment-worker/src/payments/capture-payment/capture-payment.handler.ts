import { Inject, Injectable } from '@nestjs/common';
import { Failpoints } from '@conveyor/config';
import { PoisonMessageError, type ConsumedMessage, type MessageHandler } from '@conveyor/messaging';
import { PaymentMessaging } from '../../payment.messaging';
import { StripePaymentGateway } from '../../stripe/stripe-payment.gateway';
import { PaymentEntity } from '../payment.entity';

type Capture = 'payment.capture-requested';

/** Captures the authorized amount once the shipment exists, then reports the order shipped. */
@Injectable()
export class CapturePaymentHandler implements MessageHandler<Capture> {
  constructor(
    private readonly messaging: PaymentMessaging,
    private readonly gateway: StripePaymentGateway,
    @Inject(Failpoints) private readonly failpoints: Failpoints,
  ) {}

  async handle({ envelope }: ConsumedMessage<Capture>): Promise<void> {
    const { orderId } = envelope;
    await this.messaging.runOnce(envelope, async ({ manager, emit }) => {
      const payment = await manager.findOne(PaymentEntity, {
        where: { orderId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!payment || !payment.paymentIntentId) {
        throw new PoisonMessageError(`no authorized payment for order ${orderId}`);
      }
      if (payment.status === 'CAPTURED') {
        // Already captured (the request came again): re-announce, so an order that lost the event ships.
        await emit('order.shipped', orderId, {
          shipment: envelope.payload.shipment,
          capturedCents: payment.amountCents,
        });
        return;
      }
      if (payment.status !== 'AUTHORIZED') {
        throw new PoisonMessageError(`cannot capture a ${payment.status} payment for ${orderId}`);
      }
      // Inside the transaction so the row lock serializes capture against a concurrent void;
      // the idempotency key makes a repeat after a crash replay the same capture.
      const capturedCents = await this.gateway.capture(orderId, payment.paymentIntentId);
      this.failpoints.hit('payment-capture:after-stripe-before-commit', envelope.correlationId);
      await manager.update(
        PaymentEntity,
        { orderId },
        { status: 'CAPTURED', updatedAt: new Date() },
      );
      await emit('order.shipped', orderId, { shipment: envelope.payload.shipment, capturedCents });
    });
    this.failpoints.hit('payment-capture:after-commit-before-delete', envelope.correlationId);
  }
}
