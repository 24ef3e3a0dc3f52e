import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { OrderView } from '../get-order/order.view';
import { PlaceOrderHandler } from './place-order.handler';
import { PlaceOrderRequestDto } from './place-order.request.dto';

/** Until authentication arrives, every order belongs to this one customer. */
const GUEST_CUSTOMER_ID = 'guest';

@Controller('orders')
export class PlaceOrderController {
  constructor(private readonly placeOrder: PlaceOrderHandler) {}

  @Post()
  @HttpCode(202)
  async place(
    @Body() body: PlaceOrderRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderView> {
    const order = await this.placeOrder.execute({ customerId: GUEST_CUSTOMER_ID, ...body });
    void reply.header('Location', `/orders/${order.id}`);
    return order;
  }
}
