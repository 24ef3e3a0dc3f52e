import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { EntityManager } from 'typeorm';
import type { Envelope, MessageType, PayloadOf } from '@conveyor/contracts';
import { TransactionalMessaging } from '@conveyor/transactional-messaging';
import { PoisonMessageError, type ConsumedMessage } from '@conveyor/messaging';
import { ProductEntity } from '../../catalog/product.entity';
import { IllegalOrderTransitionError } from '../domain/order.errors';
import type { Order, TransitionResult } from '../domain/order.aggregate';
import { OrderRepository } from '../persistence/order.repository';

type Payload<T extends MessageType> = PayloadOf<T>;

/**
 * Applies what the workers report on the order-events queue. Each message is applied once
 * (inbox); the aggregate decides whether it moves the order, is stale, or contradicts it, and a
 * contradiction goes to the dead-letter queue for a human rather than being dropped.
 */
@Injectable()
export class ApplyOrderEventHandler {
  constructor(
    private readonly messaging: TransactionalMessaging,
    private readonly orders: OrderRepository,
    private readonly logger: PinoLogger,
  ) {}

  async handle({ envelope }: ConsumedMessage): Promise<void> {
    const outcome = await this.messaging.runOnce(envelope, async ({ manager }) => {
      if (envelope.type === 'inventory.stock-levels-changed') {
        await this.updateAvailability(manager, envelope);
        return 'applied';
      }
      return this.transition(manager, envelope);
    });
    const result = outcome.duplicate ? 'duplicate' : outcome.result;
    this.logger.debug(
      { type: envelope.type, orderId: envelope.orderId, result },
      'order event applied',
    );
  }

  private async transition(manager: EntityManager, envelope: Envelope): Promise<TransitionResult> {
    const order = envelope.orderId
      ? await this.orders.findForUpdate(manager, envelope.orderId)
      : null;
    if (!order) throw new PoisonMessageError(`order ${envelope.orderId} does not exist`);
    try {
      const result = applyEvent(order, envelope, new Date(envelope.occurredAt));
      if (result === 'applied') await this.orders.saveTransition(manager, order);
      return result;
    } catch (error) {
      if (error instanceof IllegalOrderTransitionError) throw new PoisonMessageError(error.message);
      throw error;
    }
  }

  /** Stock events can arrive out of order: an older level never overwrites a newer one. */
  private async updateAvailability(manager: EntityManager, envelope: Envelope) {
    const { levels } = envelope.payload as Payload<'inventory.stock-levels-changed'>;
    for (const level of levels) {
      await manager
        .createQueryBuilder()
        .update(ProductEntity)
        .set({ available: level.available, updatedAt: new Date(envelope.occurredAt) })
        .where('sku = :sku AND updated_at < :at', { sku: level.sku, at: envelope.occurredAt })
        .execute();
    }
  }
}

function applyEvent(order: Order, envelope: Envelope, at: Date): TransitionResult {
  const payload = envelope.payload;
  switch (envelope.type as MessageType) {
    case 'order.payment-authorized':
      return order.paymentAuthorized(at);
    case 'order.payment-failed':
      return order.paymentFailed((payload as Payload<'order.payment-failed'>).reason, at);
    case 'order.stock-reserved':
      return order.stockReserved(at);
    case 'order.out-of-stock':
      return order.outOfStock(
        `out of stock: ${(payload as Payload<'order.out-of-stock'>).skus.join(', ')}`,
        at,
      );
    case 'order.shipped':
      return order.shipped((payload as Payload<'order.shipped'>).shipment, at);
    case 'order.cancelled':
      return order.cancelled((payload as Payload<'order.cancelled'>).reason, at);
    case 'order.cancellation-rejected':
      return order.cancellationRejected(
        (payload as Payload<'order.cancellation-rejected'>).reason,
        at,
      );
    default:
      throw new PoisonMessageError(`order-events cannot apply ${envelope.type}`);
  }
}
