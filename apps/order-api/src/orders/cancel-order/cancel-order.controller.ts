import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Principal } from '@conveyor/auth';
import { CurrentPrincipal } from '../../auth/auth.decorators';
import { ProblemResponseDto } from '../../http/problem.response.dto';
import { OrderResponseDto } from '../get-order/order.response.dto';
import type { OrderView } from '../get-order/order.view';
import { CancelOrderHandler } from './cancel-order.handler';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class CancelOrderController {
  constructor(private readonly cancelOrder: CancelOrderHandler) {}

  @Post(':id/cancel')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Ask to cancel your order',
    description:
      'Accepted while the order is PENDING, PAYMENT_AUTHORIZED or INVENTORY_RESERVED. The workers ' +
      'void the authorization and release the stock, and the order ends CANCELLED — unless its ' +
      'shipment was created in the meantime, in which case it ships.',
  })
  @ApiAcceptedResponse({ type: OrderResponseDto })
  @ApiResponse({ status: 404, type: ProblemResponseDto })
  @ApiResponse({ status: 409, type: ProblemResponseDto, description: 'ORDER.NOT_CANCELLABLE' })
  cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
  ): Promise<OrderView> {
    return this.cancelOrder.execute(principal, id);
  }
}
