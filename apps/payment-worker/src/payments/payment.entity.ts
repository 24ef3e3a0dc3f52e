import { Column, Entity, PrimaryColumn } from 'typeorm';

export type PaymentStatus = 'AUTHORIZED' | 'DECLINED' | 'CAPTURED' | 'VOIDED';

/** One payment per order: the PaymentIntent that authorized it and what happened to it since. */
@Entity({ name: 'payments' })
export class PaymentEntity {
  @PrimaryColumn('uuid', { name: 'order_id' })
  orderId: string;

  @Column('text', { name: 'payment_intent_id', nullable: true })
  paymentIntentId: string | null;

  @Column('text')
  status: PaymentStatus;

  @Column('bigint', {
    name: 'amount_cents',
    transformer: { to: (value: number) => value, from: (value: string) => Number(value) },
  })
  amountCents: number;

  @Column('char', { length: 3 })
  currency: string;

  @Column('text', { name: 'failure_reason', nullable: true })
  failureReason: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
