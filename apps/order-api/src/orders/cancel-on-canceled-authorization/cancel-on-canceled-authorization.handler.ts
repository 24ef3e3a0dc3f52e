import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { PoisonMessageError, type ConsumedMessage, type MessageHandler } from '@conveyor/messaging';
import { OrderApiMessaging } from '../../order-api.messaging';
import { OrderRepository } from '../persistence/order.repository';

type Canceled = 'order.payment-authorization-canceled';

/**
 * The payment worker learned from Stripe that the order's authorization was canceled outside
 * Conveyor. The order asks the shipping worker to cancel it, as a customer's request would: if
 * nothing has shipped the order ends CANCELLED with this reason and the stock is released.
 */
@Injectable()
export class CancelOnCanceledAuthorizationHandler implements MessageHandler<Canceled> {
  constructor(
    private readonly messaging: OrderApiMessaging,
    private readonly orders: OrderRepository,
    private readonly logger: PinoLogger,
  ) {}

  async handle({ envelope }: ConsumedMessage<Canceled>): Promise<void> {
    const { orderId, payload } = envelope;
    const detail = `payment authorization canceled at Stripe (${payload.cancellationReason ?? 'no reason given'})`;
    const outcome = await this.messaging.runOnce(envelope, async ({ manager, emit }) => {
      const order = await this.orders.findForUpdate(manager, orderId);
      if (!order) throw new PoisonMessageError(`order ${orderId} does not exist`);
      const result = order.paymentAuthorizationCanceled(detail, new Date(envelope.occurredAt));
      if (result === 'applied') {
        await this.orders.saveTransition(manager, order);
        await emit('shipping.cancellation-requested', orderId, {
          reason: 'PAYMENT_AUTHORIZATION_CANCELED',
        });
      }
      return result;
    });
    const result = outcome.duplicate ? 'duplicate' : outcome.result;
    this.logger.info(
      { orderId, paymentIntentId: payload.paymentIntentId, result },
      'payment authorization canceled at Stripe',
    );
  }
}
