import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Envelope, PaymentAuthorizationRequested } from '@conveyor/contracts';
import { Failpoints } from '@conveyor/config';
import { TransactionalMessaging } from '@conveyor/inbox';
import { StripePaymentGateway } from '../../stripe/stripe-payment.gateway';
import { PaymentEntity } from '../payment.entity';

/**
 * Authorizes an order's total with manual capture. The Stripe call happens before the
 * transaction; if the process dies in between, the redelivered message repeats the call with the
 * same idempotency key and Stripe answers with the PaymentIntent it already made.
 */
@Injectable()
export class AuthorizePaymentHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly messaging: TransactionalMessaging,
    private readonly gateway: StripePaymentGateway,
    @Inject(Failpoints) private readonly failpoints: Failpoints,
  ) {}

  async handle(envelope: Envelope<'payment.authorization-requested', PaymentAuthorizationRequested>) {
    const orderId = envelope.orderId!;
    const payload = envelope.payload;
    const existing = await this.dataSource.manager.findOneBy(PaymentEntity, { orderId });
    if (existing) {
      // Already decided for this order (a duplicate, or a re-drive): record the message only.
      await this.messaging.runOnce(envelope, () => Promise.resolve());
      return;
    }
    const result = await this.gateway.authorize({
      orderId,
      customerId: payload.customerId,
      amountCents: payload.totalCents,
      currency: payload.currency,
      paymentMethod: payload.paymentMethod,
    });
    this.failpoints.hit('payment-authorize:after-stripe-before-commit');
    await this.messaging.runOnce(envelope, async ({ manager, emit }) => {
      const authorized = result.outcome === 'authorized';
      await manager.insert(PaymentEntity, {
        orderId,
        paymentIntentId: authorized ? result.paymentIntentId : null,
        status: authorized ? 'AUTHORIZED' : 'DECLINED',
        amountCents: payload.totalCents,
        currency: payload.currency,
        failureReason: authorized ? null : result.reason,
      });
      if (!authorized) {
        await emit('order.payment-failed', orderId, { reason: result.reason });
        return;
      }
      await emit('order.payment-authorized', orderId, { paymentIntentId: result.paymentIntentId });
      await emit('inventory.reservation-requested', orderId, {
        items: payload.items,
        shippingAddress: payload.shippingAddress,
      });
    });
    this.failpoints.hit('payment-authorize:after-commit-before-delete');
  }
}
