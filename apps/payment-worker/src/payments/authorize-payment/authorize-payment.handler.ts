import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EnvelopeOf } from '@conveyor/contracts';
import { Failpoints } from '@conveyor/config';
import type { ConsumedMessage, MessageHandler } from '@conveyor/messaging';
import type { MessagingTransaction } from '@conveyor/transactional-messaging';
import { PaymentMessaging } from '../../payment.messaging';
import {
  StripePaymentGateway,
  type AuthorizationResult,
} from '../../stripe/stripe-payment.gateway';
import { PaymentEntity } from '../payment.entity';
import { PaymentMethodOpener } from './payment-method.opener';

type Authorize = 'payment.authorization-requested';
type Request = EnvelopeOf<Authorize>;

/**
 * Authorizes an order's total with manual capture. The Stripe call happens before the
 * transaction; if the process dies in between, the redelivered message finds the PaymentIntent
 * already made (the gateway searches Stripe by order before creating; within 24 hours the same
 * idempotency key would also replay it) and records that one.
 */
@Injectable()
export class AuthorizePaymentHandler implements MessageHandler<Authorize> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly messaging: PaymentMessaging,
    private readonly gateway: StripePaymentGateway,
    @Inject(Failpoints) private readonly failpoints: Failpoints,
    private readonly paymentMethods: PaymentMethodOpener,
  ) {}

  async handle({ envelope, receiveCount }: ConsumedMessage<Authorize>): Promise<void> {
    const { orderId } = envelope;
    const existing = await this.dataSource.manager.findOneBy(PaymentEntity, { orderId });
    if (existing) return this.reannounce(envelope, existing, receiveCount);

    const result = await this.gateway.authorize(this.authorizationOf(envelope));
    this.failpoints.hit('payment-authorize:after-stripe-before-commit', envelope.correlationId);
    const recorded = await this.messaging.runOnce(envelope, async (tx) => {
      const inserted = await tx.manager.query<unknown[]>(
        `INSERT INTO payments.payments
           (order_id, payment_intent_id, status, amount_cents, currency, failure_reason)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
        [
          orderId,
          result.outcome === 'authorized' ? result.paymentIntentId : null,
          result.outcome === 'authorized' ? 'AUTHORIZED' : 'DECLINED',
          envelope.payload.totalCents,
          envelope.payload.currency,
          result.outcome === 'declined' ? result.reason : null,
        ],
      );
      if (inserted.length > 0) {
        await emitOutcome(tx, envelope, result);
        return 'recorded';
      }
      // Someone decided this order while Stripe was being asked: a cancellation (VOIDED row), or
      // a twin request for the same order (the reconciler's re-send). Only a cancellation voids.
      const [winner] = await tx.manager.query<{ status: string }[]>(
        `SELECT status FROM payments.payments WHERE order_id = $1 FOR UPDATE`,
        [orderId],
      );
      if (winner.status === 'VOIDED') return 'cancelled-meanwhile';
      return 'decided-by-twin';
    });
    if (
      !recorded.duplicate &&
      recorded.result === 'cancelled-meanwhile' &&
      result.outcome === 'authorized'
    ) {
      await this.gateway.void(orderId, result.paymentIntentId);
    }
    this.failpoints.hit('payment-authorize:after-commit-before-delete', envelope.correlationId);
  }

  /**
   * The order already has a payment decision: the reconciler re-sent the request, or a
   * cancellation overtook it. The decision is re-announced, never re-made, so a lost event heals.
   */
  private async reannounce(envelope: Request, existing: PaymentEntity, receiveCount: number) {
    if (existing.status === 'VOIDED' && !existing.paymentIntentId && receiveCount > 1) {
      // The cancellation may have overtaken an attempt that died after Stripe authorized:
      // the same idempotency key finds that authorization (or makes one), and it is voided.
      const replayed = await this.gateway.authorize(this.authorizationOf(envelope));
      if (replayed.outcome === 'authorized')
        await this.gateway.void(envelope.orderId, replayed.paymentIntentId);
    }
    await this.messaging.runOnce(envelope, async (tx) => {
      if (existing.status === 'DECLINED') {
        await emitOutcome(tx, envelope, {
          outcome: 'declined',
          reason: existing.failureReason ?? 'declined',
        });
      } else if (existing.paymentIntentId && announcesAuthorization(existing)) {
        await emitOutcome(tx, envelope, {
          outcome: 'authorized',
          paymentIntentId: existing.paymentIntentId,
        });
      }
    });
  }

  private authorizationOf(envelope: Request) {
    return {
      orderId: envelope.orderId,
      customerId: envelope.payload.customerId,
      amountCents: envelope.payload.totalCents,
      currency: envelope.payload.currency,
      paymentMethod: this.paymentMethods.open(envelope),
    };
  }
}

/**
 * Whether a re-sent request hears "authorized" again. A payment voided because stock ran out
 * does: the inventory worker answers the repeated reservation request by re-announcing its
 * refusal, so an order whose out-of-stock event was lost still ends OUT_OF_STOCK. A payment
 * voided by a cancellation does not: shipping re-announces that decision itself.
 */
function announcesAuthorization(payment: PaymentEntity): boolean {
  return payment.status !== 'VOIDED' || payment.failureReason === 'OUT_OF_STOCK';
}

async function emitOutcome(
  tx: MessagingTransaction<'payment-worker'>,
  envelope: Request,
  result: AuthorizationResult,
) {
  const { orderId } = envelope;
  if (result.outcome === 'declined') {
    await tx.emit('order.payment-failed', orderId, { reason: result.reason });
    return;
  }
  await tx.emit('order.payment-authorized', orderId, { paymentIntentId: result.paymentIntentId });
  // Sealed for the shipping worker: passed on as it came, never opened here.
  await tx.emit('inventory.reservation-requested', orderId, {
    items: envelope.payload.items,
    shippingAddress: envelope.payload.shippingAddress,
  });
}
