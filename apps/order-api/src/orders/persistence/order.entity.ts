import { Column, Entity, OneToMany, PrimaryColumn, type Relation } from 'typeorm';
import type { CancellationReason } from '@conveyor/contracts';
import type { Shipment, ShippingAddress } from '@conveyor/contracts';
import type { OrderStatus } from '../domain/order-status';
import type { TimelineEntry } from '../domain/order.aggregate';
import { OrderItemEntity } from './order-item.entity';
import { bigintCents } from './bigint-cents.transformer';

@Entity({ name: 'orders' })
export class OrderEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text', { name: 'customer_id' })
  customerId: string;

  @Column('text')
  status: OrderStatus;

  @Column('char', { length: 3 })
  currency: string;

  @Column('bigint', { name: 'total_cents', transformer: bigintCents })
  totalCents: number;

  @Column('jsonb', { name: 'shipping_address' })
  shippingAddress: ShippingAddress;

  @Column('text', { name: 'payment_method' })
  paymentMethod: string;

  @Column('jsonb', { nullable: true })
  shipment: Shipment | null;

  @Column('text', { name: 'failure_reason', nullable: true })
  failureReason: string | null;

  @Column('jsonb')
  timeline: TimelineEntry[];

  @Column('text', { name: 'cancellation_reason', nullable: true })
  cancellationReason: CancellationReason | null;

  @Column('timestamptz', { name: 'cancellation_requested_at', nullable: true })
  cancellationRequestedAt: Date | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  @OneToMany(() => OrderItemEntity, (item) => item.order, { cascade: ['insert'] })
  items: Relation<OrderItemEntity[]>;
}
