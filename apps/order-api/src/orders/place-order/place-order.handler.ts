import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { OrderLine, ShippingAddress } from '@conveyor/contracts';
import { TransactionalMessaging } from '@conveyor/inbox';
import { PriceList } from '../../catalog/price-list';
import { Order } from '../domain/order.aggregate';
import { OrderRepository } from '../persistence/order.repository';
import { toOrderView, type OrderView } from '../get-order/order.view';

export interface PlaceOrderCommand {
  customerId: string;
  items: OrderLine[];
  paymentMethod: string;
  shippingAddress: ShippingAddress;
}

/**
 * Accepts an order: the order, its items and the payment request commit in one transaction,
 * and the outbox relay sends the request to the payments queue right after the commit.
 */
@Injectable()
export class PlaceOrderHandler {
  constructor(
    private readonly priceList: PriceList,
    private readonly orders: OrderRepository,
    private readonly messaging: TransactionalMessaging,
  ) {}

  async execute(command: PlaceOrderCommand): Promise<OrderView> {
    const { items, currency } = await this.priceList.price(command.items);
    const order = Order.place(
      {
        id: randomUUID(),
        customerId: command.customerId,
        items,
        currency,
        shippingAddress: command.shippingAddress,
        paymentMethod: command.paymentMethod,
      },
      new Date(),
    );
    await this.messaging.run(async ({ manager, emit }) => {
      await this.orders.insert(manager, order);
      await emit('payment.authorization-requested', order.snapshot.id, {
        customerId: command.customerId,
        paymentMethod: command.paymentMethod,
        totalCents: order.totalCents,
        currency,
        items: command.items,
        shippingAddress: command.shippingAddress,
      });
    });
    return toOrderView(order);
  }
}
