import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { OrderRepository } from '../persistence/order.repository';
import { OrderNotFoundError } from '../domain/order.errors';
import { toOrderView, type OrderView } from './order.view';

@Controller('orders')
export class GetOrderController {
  constructor(private readonly orders: OrderRepository) {}

  @Get(':id')
  async get(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string): Promise<OrderView> {
    const order = await this.orders.findById(id);
    if (!order) throw new OrderNotFoundError(id);
    return toOrderView(order);
  }
}
