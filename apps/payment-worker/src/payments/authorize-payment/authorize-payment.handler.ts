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

  async handle(
    envelope: Envelope<'payment.authorization-requested', PaymentAuthorizationRequested>,
    receiveCount: number,
  ) {
    const orderId = envelope.orderId!;
    const payload = envelope.payload;
    const existing = await this.dataSource.manager.findOneBy(PaymentEntity, { orderId });
    if (existing) {
      // A cancellation overtook an attempt that may have died after Stripe authorized: replaying
      // the same idempotency key finds that authorization (or makes one), and it is voided.
      if (existing.status === 'VOIDED' && !existing.paymentIntentId && receiveCount > 1) {
        const replayed = await this.gateway.authorize(this.request(orderId, payload));
        if (replayed.outcome === 'authorized') await this.gateway.void(orderId, replayed.paymentIntentId);
      }
      // Otherwise already decided for this order (a duplicate or a re-drive): record it only.
      await this.messaging.runOnce(envelope, () => Promise.resolve());
      return;
    }
    const result = await this.gateway.authorize(this.request(orderId, payload));
    this.failpoints.hit('payment-authorize:after-stripe-before-commit');
    const recorded = await this.messaging.runOnce(envelope, async ({ manager, emit }) => {
      const authorized = result.outcome === 'authorized';
      const inserted = await manager.query<unknown[]>(
        `INSERT INTO payments.payments
           (order_id, payment_intent_id, status, amount_cents, currency, failure_reason)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
        [
          orderId,
          authorized ? result.paymentIntentId : null,
          authorized ? 'AUTHORIZED' : 'DECLINED',
          payload.totalCents,
          payload.currency,
          authorized ? null : result.reason,
        ],
      );
      // The order was cancelled while Stripe was being asked: nothing may go further.
      if (inserted.length === 0) return 'cancelled-meanwhile';
      if (!authorized) {
        await emit('order.payment-failed', orderId, { reason: result.reason });
        return 'declined';
      }
      await emit('order.payment-authorized', orderId, { paymentIntentId: result.paymentIntentId });
      await emit('inventory.reservation-requested', orderId, {
        items: payload.items,
        shippingAddress: payload.shippingAddress,
      });
      return 'authorized';
    });
    if (!recorded.duplicate && recorded.result === 'cancelled-meanwhile' && result.outcome === 'authorized') {
      await this.gateway.void(orderId, result.paymentIntentId);
    }
    this.failpoints.hit('payment-authorize:after-commit-before-delete');
  }

  private request(orderId: string, payload: PaymentAuthorizationRequested) {
    return {
      orderId,
      customerId: payload.customerId,
      amountCents: payload.totalCents,
      currency: payload.currency,
      paymentMethod: payload.paymentMethod,
    };
  }
}
