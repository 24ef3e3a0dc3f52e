import { Column, Entity, PrimaryColumn } from 'typeorm';

/** CANCELED: Stripe canceled the authorization outside Conveyor (expired, or the dashboard). */
export type PaymentStatus = 'AUTHORIZED' | 'DECLINED' | 'CAPTURED' | 'VOIDED' | 'CANCELED';

const bigintCents = { to: (value: number) => value, from: (value: string) => Number(value) };

/** One payment per order: the PaymentIntent that authorized it and what happened to it since. */
@Entity({ name: 'payments' })
export class PaymentEntity {
  @PrimaryColumn('uuid', { name: 'order_id' })
  orderId: string;

  @Column('text', { name: 'payment_intent_id', nullable: true })
  paymentIntentId: string | null;

  @Column('text')
  status: PaymentStatus;

  @Column('bigint', { name: 'amount_cents', transformer: bigintCents })
  amountCents: number;

  /** Refunded so far, as Stripe last reported it (refunds are made outside Conveyor). */
  @Column('bigint', { name: 'refunded_cents', default: 0, transformer: bigintCents })
  refundedCents: number;

  @Column('char', { length: 3 })
  currency: string;

  @Column('text', { name: 'failure_reason', nullable: true })
  failureReason: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
