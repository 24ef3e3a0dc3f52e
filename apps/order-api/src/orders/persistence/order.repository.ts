import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Order } from '../domain/order.aggregate';
import { OrderEntity } from './order.entity';
import { OrderItemEntity } from './order-item.entity';

/**
 * Loads the Order aggregate and stores what its methods change: the only writer of an order's
 * state. The reconciler keeps its own bookkeeping columns in the same row (when it last re-sent
 * an order), and the order list reads the rows directly, for its keyset pages.
 */
/**
 * `updated_at` is the database's clock, not this process's: the reconciler compares it with the
 * database's now(), and an app clock moved by minutes must neither make fresh orders look stuck
 * (clock behind) nor hide stuck ones (clock ahead).
 */
const DATABASE_NOW = () => 'now()';

@Injectable()
export class OrderRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, order: Order): Promise<void> {
    const state = order.snapshot;
    await manager.insert(OrderEntity, {
      id: state.id,
      customerId: state.customerId,
      status: state.status,
      currency: state.currency,
      totalCents: order.totalCents,
      shippingAddress: state.shippingAddress,
      paymentMethod: state.paymentMethod,
      shipment: null,
      failureReason: null,
      cancellationRequestedAt: null,
      cancellationReason: null,
      timeline: state.timeline,
      createdAt: state.createdAt,
      updatedAt: DATABASE_NOW,
    });
    await manager.insert(
      OrderItemEntity,
      state.items.map((item) => ({ orderId: state.id, ...item })),
    );
  }

  /** Saves what a transition changed; callers hold the row lock from findForUpdate. */
  async saveTransition(manager: EntityManager, order: Order): Promise<void> {
    const { id, status, shipment, failureReason, timeline } = order.snapshot;
    const { cancellationRequestedAt, cancellationReason } = order.snapshot;
    await manager.update(
      OrderEntity,
      { id },
      {
        status,
        shipment,
        failureReason,
        cancellationRequestedAt,
        cancellationReason,
        timeline,
        updatedAt: DATABASE_NOW,
      },
    );
  }

  /**
   * Loads the order with its items and locks its row, in one statement (`findOne` with a relation
   * and a lock takes two: a `SELECT DISTINCT` for the id, then the join).
   */
  async findForUpdate(manager: EntityManager, id: string): Promise<Order | null> {
    const entity = await manager
      .createQueryBuilder(OrderEntity, 'o')
      .leftJoinAndSelect('o.items', 'i')
      .where('o.id = :id', { id })
      .setLock('pessimistic_write', undefined, ['o'])
      .getOne();
    return entity ? toAggregate(entity) : null;
  }

  async findById(id: string): Promise<Order | null> {
    const entity = await this.dataSource.manager.findOne(OrderEntity, {
      where: { id },
      relations: { items: true },
    });
    return entity ? toAggregate(entity) : null;
  }
}

export function toAggregate(entity: OrderEntity): Order {
  return Order.restore({
    id: entity.id,
    customerId: entity.customerId,
    status: entity.status,
    items: [...entity.items]
      .sort((a, b) => a.sku.localeCompare(b.sku))
      .map(({ sku, name, quantity, unitPriceCents }) => ({ sku, name, quantity, unitPriceCents })),
    currency: entity.currency,
    shippingAddress: entity.shippingAddress,
    paymentMethod: entity.paymentMethod,
    shipment: entity.shipment,
    failureReason: entity.failureReason,
    cancellationRequestedAt: entity.cancellationRequestedAt,
    cancellationReason: entity.cancellationReason,
    timeline: entity.timeline,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  });
}
