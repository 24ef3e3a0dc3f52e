import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { EntityManager } from 'typeorm';
import type { EnvelopeOf, PayloadOf } from '@conveyor/contracts';
import { PoisonMessageError, type MessageHandler } from '@conveyor/messaging';
import { OrderApiMessaging } from '../../order-api.messaging';
import { IllegalOrderTransitionError } from '../domain/order.errors';
import type { Order, TransitionResult } from '../domain/order.aggregate';
import { OrderRepository } from '../persistence/order.repository';

/** The order-events types that move an order through its states. */
export type OrderStatusEvent =
  | 'order.payment-authorized'
  | 'order.payment-failed'
  | 'order.stock-reserved'
  | 'order.out-of-stock'
  | 'order.shipped'
  | 'order.cancelled'
  | 'order.cancellation-rejected';

/** What one event type does to an order: one call of an Order method, which may refuse it. */
export type OrderTransition<T extends OrderStatusEvent> = (
  order: Order,
  payload: PayloadOf<T>,
  at: Date,
) => TransitionResult;

/**
 * Applies what the workers report about an order. Each message is applied once (inbox); the
 * aggregate decides whether it moves the order, is stale, or contradicts it, and a contradiction
 * goes to the dead-letter queue for a human rather than being dropped.
 */
@Injectable()
export class ApplyOrderEventHandler {
  constructor(
    private readonly messaging: OrderApiMessaging,
    private readonly orders: OrderRepository,
    private readonly logger: PinoLogger,
  ) {}

  /** The handler of event type T, applying `transition` to the order it names. */
  applying<T extends OrderStatusEvent>(transition: OrderTransition<T>): MessageHandler<T> {
    return { handle: ({ envelope }) => this.apply(envelope, transition) };
  }

  private async apply<T extends OrderStatusEvent>(
    envelope: EnvelopeOf<T>,
    transition: OrderTransition<T>,
  ): Promise<void> {
    const outcome = await this.messaging.runOnce(envelope, (tx) =>
      this.transition(tx.manager, envelope, transition),
    );
    const result = outcome.duplicate ? 'duplicate' : outcome.result;
    this.logger.debug(
      { type: envelope.type, orderId: envelope.orderId, result },
      'order event applied',
    );
  }

  private async transition<T extends OrderStatusEvent>(
    manager: EntityManager,
    envelope: EnvelopeOf<T>,
    transition: OrderTransition<T>,
  ): Promise<TransitionResult> {
    const order = await this.orders.findForUpdate(manager, envelope.orderId);
    if (!order) throw new PoisonMessageError(`order ${envelope.orderId} does not exist`);
    try {
      const result = transition(order, envelope.payload, new Date(envelope.occurredAt));
      if (result === 'applied') await this.orders.saveTransition(manager, order);
      return result;
    } catch (error) {
      if (error instanceof IllegalOrderTransitionError) throw new PoisonMessageError(error.message);
      throw error;
    }
  }
}
