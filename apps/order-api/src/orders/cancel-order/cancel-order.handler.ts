import { Injectable } from '@nestjs/common';
import type { Principal } from '@conveyor/auth';
import { OrderApiMessaging } from '../../order-api.messaging';
import { OrderNotFoundError } from '../domain/order.errors';
import { OrderRepository } from '../persistence/order.repository';
import { toOrderView, type OrderView } from '../get-order/order.view';

/**
 * Records the customer's request and hands the decision to the shipping worker: only it knows
 * whether a shipment already exists. If none does, it cancels and the workers compensate (void
 * the authorization, release the stock); if one does, the order simply ships.
 */
@Injectable()
export class CancelOrderHandler {
  constructor(
    private readonly orders: OrderRepository,
    private readonly messaging: OrderApiMessaging,
  ) {}

  async execute(principal: Principal, orderId: string): Promise<OrderView> {
    return this.messaging.run(async ({ manager, emit }) => {
      const order = await this.orders.findForUpdate(manager, orderId);
      if (!order || order.snapshot.customerId !== principal.customerId) {
        throw new OrderNotFoundError(orderId);
      }
      if (order.requestCancellation(new Date()) === 'applied') {
        await this.orders.saveTransition(manager, order);
        await emit('shipping.cancellation-requested', orderId, { reason: 'CUSTOMER_REQUEST' });
      }
      return toOrderView(order);
    });
  }
}
