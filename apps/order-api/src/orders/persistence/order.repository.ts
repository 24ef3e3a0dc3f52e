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
    await manager.query(
      `UPDATE orders.orders SET status = $2, shipment = $3, failure_reason = $4,
         cancellation_requested_at = $5, cancellation_reason = $6, timeline = $7,
         updated_at = now()
       WHERE id = $1`,
      [
        id,
        status,
        shipment && JSON.stringify(shipment),
        failureReason,
        cancellationRequestedAt,
        cancellationReason,
        JSON.stringify(timeline),
      ],
    );
  }

  /**
   * Loads the order with its items and locks its row, in one statement. Plain SQL: TypeORM's
   * query builder spent more CPU preparing the statement (12.5 % of the order API's profile
   * under the pipeline's load, most of it renaming properties) than PostgreSQL did running it.
   */
  async findForUpdate(manager: EntityManager, id: string): Promise<Order | null> {
    const [row] = await manager.query<OrderRow[]>(`${SELECT_ORDER} FOR UPDATE OF o`, [id]);
    return row ? fromRow(row) : null;
  }

  async findById(id: string): Promise<Order | null> {
    const [row] = await this.dataSource.query<OrderRow[]>(SELECT_ORDER, [id]);
    return row ? fromRow(row) : null;
  }
}

/** An order and its items (sorted by SKU) as one row. */
const SELECT_ORDER = `SELECT o.id, o.customer_id, o.status, o.currency, o.shipping_address,
    o.payment_method, o.shipment, o.failure_reason, o.cancellation_requested_at,
    o.cancellation_reason, o.timeline, o.created_at, o.updated_at,
    (SELECT coalesce(json_agg(json_build_object('sku', i.sku, 'name', i.name,
        'quantity', i.quantity, 'unitPriceCents', i.unit_price_cents) ORDER BY i.sku), '[]')
      FROM orders.order_items i WHERE i.order_id = o.id) AS items
  FROM orders.orders o WHERE o.id = $1`;

interface OrderRow {
  id: string;
  customer_id: string;
  status: OrderEntity['status'];
  currency: string;
  shipping_address: OrderEntity['shippingAddress'];
  payment_method: string;
  shipment: OrderEntity['shipment'];
  failure_reason: string | null;
  cancellation_requested_at: Date | null;
  cancellation_reason: OrderEntity['cancellationReason'];
  timeline: OrderEntity['timeline'];
  created_at: Date;
  updated_at: Date;
  items: { sku: string; name: string; quantity: number; unitPriceCents: number }[];
}

function fromRow(row: OrderRow): Order {
  return Order.restore({
    id: row.id,
    customerId: row.customer_id,
    status: row.status,
    items: row.items,
    currency: row.currency,
    shippingAddress: row.shipping_address,
    paymentMethod: row.payment_method,
    shipment: row.shipment,
    failureReason: row.failure_reason,
    cancellationRequestedAt: row.cancellation_requested_at,
    cancellationReason: row.cancellation_reason,
    timeline: row.timeline,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
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
