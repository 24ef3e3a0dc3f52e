import { Body, Controller, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiHeader,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '@conveyor/auth';
import { CurrentPrincipal } from '../../auth/auth.decorators';
import { OrderResponseDto } from '../get-order/order.response.dto';
import type { OrderView } from '../get-order/order.view';
import { ProblemResponseDto } from '../../http/problem.response.dto';
import { IdempotencyKey } from './idempotency-key.header';
import { PlaceOrderHandler } from './place-order.handler';
import { PlaceOrderRequestDto } from './place-order.request.dto';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class PlaceOrderController {
  constructor(private readonly placeOrder: PlaceOrderHandler) {}

  @Post()
  @ApiOperation({
    summary: 'Place an order',
    description:
      'Prices come from the catalog. The order is accepted (202) and processed asynchronously; ' +
      'follow it at the Location URL. Repeating the request with the same Idempotency-Key and ' +
      'body replays the first answer with `Idempotent-Replayed: true`.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: '1–255 printable ASCII characters, unique per order attempt',
  })
  @ApiAcceptedResponse({ type: OrderResponseDto, description: 'Accepted; Location: /orders/{id}' })
  @ApiResponse({
    status: 400,
    type: ProblemResponseDto,
    description: 'Invalid body, header, or unknown SKU (CATALOG.UNKNOWN_SKU)',
  })
  @ApiResponse({
    status: 409,
    type: ProblemResponseDto,
    description: 'A request with this key is still in progress',
  })
  @ApiResponse({
    status: 422,
    type: ProblemResponseDto,
    description: 'Key reused with another body (IDEMPOTENCY.KEY_REUSED)',
  })
  async place(
    @CurrentPrincipal() principal: Principal,
    @IdempotencyKey() idempotencyKey: string,
    @Body() body: PlaceOrderRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderView> {
    const result = await this.placeOrder.execute({
      customerId: principal.customerId,
      idempotencyKey,
      items: body.items.map(({ sku, quantity }) => ({ sku, quantity })),
      paymentMethod: body.paymentMethod,
      shippingAddress: { ...body.shippingAddress },
    });
    void reply.status(result.status).header('Location', `/orders/${result.order.id}`);
    if (result.replayed) void reply.header('Idempotent-Replayed', 'true');
    return result.order;
  }
}
