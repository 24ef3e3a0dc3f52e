import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import type { StripeEventReceived } from '@conveyor/contracts';
import { PoisonMessageError, type ConsumedMessage, type MessageHandler } from '@conveyor/messaging';
import { METRICS, MetricsService } from '@conveyor/observability';
import type { MessagingTransaction } from '@conveyor/transactional-messaging';
import { PaymentMessaging } from '../../payment.messaging';
import { StripePaymentGateway } from '../../stripe/stripe-payment.gateway';
import { PaymentEntity } from '../payment.entity';

type Received = 'payment.stripe-event-received';
type Tx = MessagingTransaction<'payment-worker'>;
type Facts<T extends StripeEventReceived['eventType']> = Extract<
  StripeEventReceived,
  { eventType: T }
>;

export type ReconcileOutcome =
  | 'authorization-canceled'
  | 'already-settled'
  | 'refund-recorded'
  | 'dispute-recorded'
  | 'stale'
  | 'foreign';

/** Transient: the authorization that made the PaymentIntent has not committed its row yet. */
export class PaymentNotRecordedYetError extends Error {
  constructor(orderId: string, paymentIntentId: string) {
    super(`order ${orderId} has no payment row yet for ${paymentIntentId}; retried later`);
  }
}

/**
 * Reconciles what Stripe reports by webhook with the payment row. Events arrive late, twice or
 * out of order, so each is compared with the row's current state and only moves it forward: a
 * cancellation of an authorization Conveyor still holds cancels the order; a failure Conveyor
 * already recorded, or one about an older PaymentIntent, changes nothing; refunds keep the
 * largest cumulative figure; a dispute is recorded once.
 */
@Injectable()
export class ReconcileStripeEventHandler implements MessageHandler<Received> {
  private readonly reconciled;

  constructor(
    private readonly dataSource: DataSource,
    private readonly messaging: PaymentMessaging,
    private readonly gateway: StripePaymentGateway,
    private readonly logger: PinoLogger,
    metrics: MetricsService,
  ) {
    this.reconciled = metrics.counter(METRICS.stripeEventsReconciled);
  }

  async handle({ envelope }: ConsumedMessage<Received>): Promise<void> {
    const facts = envelope.payload;
    const orderId = await this.orderOf(facts.paymentIntentId);
    let outcome: ReconcileOutcome | 'duplicate' = 'foreign';
    if (orderId) {
      const applied = await this.messaging.runOnce(envelope, async (tx) => {
        const payment = await tx.manager.findOne(PaymentEntity, {
          where: { orderId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!payment) throw new PaymentNotRecordedYetError(orderId, facts.paymentIntentId);
        return this.apply(tx, payment, facts);
      });
      outcome = applied.duplicate ? 'duplicate' : applied.result;
    }
    if (outcome !== 'duplicate') this.reconciled.inc({ type: facts.eventType, outcome });
    const log = outcome === 'dispute-recorded' ? 'warn' : 'info';
    this.logger[log](
      { stripeEventId: facts.stripeEventId, type: facts.eventType, orderId, outcome },
      'stripe event reconciled',
    );
  }

  /** The payment row names the PaymentIntent once authorized; before that, Stripe's metadata does. */
  private async orderOf(paymentIntentId: string): Promise<string | undefined> {
    const [row] = await this.dataSource.query<{ order_id: string }[]>(
      `SELECT order_id FROM payments.payments WHERE payment_intent_id = $1`,
      [paymentIntentId],
    );
    return row?.order_id ?? (await this.gateway.orderOf(paymentIntentId));
  }

  private apply(tx: Tx, payment: PaymentEntity, facts: StripeEventReceived) {
    switch (facts.eventType) {
      case 'payment_intent.canceled':
        return this.authorizationCanceled(tx, payment, facts);
      case 'payment_intent.payment_failed':
        // Conveyor records its own declines (without a PaymentIntent id); a failure of the
        // PaymentIntent it holds was an earlier attempt that a later one overtook.
        return Promise.resolve<ReconcileOutcome>(
          payment.status === 'DECLINED' ? 'already-settled' : 'stale',
        );
      case 'charge.refunded':
        return this.refunded(tx, payment, facts);
      case 'charge.dispute.created':
        return this.disputed(tx, payment, facts);
    }
  }

  private async authorizationCanceled(
    tx: Tx,
    payment: PaymentEntity,
    facts: Facts<'payment_intent.canceled'>,
  ): Promise<ReconcileOutcome> {
    if (payment.paymentIntentId !== facts.paymentIntentId) return 'stale';
    if (payment.status === 'CAPTURED') {
      throw new PoisonMessageError(
        `Stripe reports PaymentIntent ${facts.paymentIntentId} canceled, but order ${payment.orderId} captured it`,
      );
    }
    // VOIDED: Conveyor's own void (the row lock made this wait for its commit).
    if (payment.status !== 'AUTHORIZED') return 'already-settled';
    const reason = facts.cancellationReason ?? 'no reason given';
    await tx.manager.update(
      PaymentEntity,
      { orderId: payment.orderId },
      { status: 'CANCELED', failureReason: `canceled at Stripe: ${reason}`, updatedAt: new Date() },
    );
    await tx.emit('order.payment-authorization-canceled', payment.orderId, {
      paymentIntentId: facts.paymentIntentId,
      cancellationReason: facts.cancellationReason,
    });
    return 'authorization-canceled';
  }

  private async refunded(
    tx: Tx,
    payment: PaymentEntity,
    facts: Facts<'charge.refunded'>,
  ): Promise<ReconcileOutcome> {
    // The row is locked: the figure read with it is the latest recorded.
    if (facts.amountRefundedCents <= payment.refundedCents) return 'stale';
    await tx.manager.update(
      PaymentEntity,
      { orderId: payment.orderId },
      { refundedCents: facts.amountRefundedCents, updatedAt: new Date() },
    );
    return 'refund-recorded';
  }

  private async disputed(
    tx: Tx,
    payment: PaymentEntity,
    facts: Facts<'charge.dispute.created'>,
  ): Promise<ReconcileOutcome> {
    const rows = await tx.manager.query<unknown[]>(
      `INSERT INTO payments.disputes (dispute_id, order_id, payment_intent_id, amount_cents,
         currency, reason, stripe_created_at)
       VALUES ($1, $2, $3, $4, $5, $6, to_timestamp($7))
       ON CONFLICT (dispute_id) DO NOTHING RETURNING dispute_id`,
      [
        facts.disputeId,
        payment.orderId,
        facts.paymentIntentId,
        facts.amountCents,
        facts.currency,
        facts.reason,
        facts.stripeCreated,
      ],
    );
    return rows.length > 0 ? 'dispute-recorded' : 'stale';
  }
}
