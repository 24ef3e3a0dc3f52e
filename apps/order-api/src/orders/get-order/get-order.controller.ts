import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@conveyor/auth';
import { CurrentPrincipal } from '../../auth/auth.decorators';
import { ProblemResponseDto } from '../../http/problem.response.dto';
import { OrderRepository } from '../persistence/order.repository';
import { OrderNotFoundError } from '../domain/order.errors';
import { OrderResponseDto } from './order.response.dto';
import { toOrderView, type OrderView } from './order.view';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class GetOrderController {
  constructor(private readonly orders: OrderRepository) {}

  @Get(':id')
  @ApiOperation({ summary: 'Read one order with its status timeline (owner or admin)' })
  @ApiOkResponse({ type: OrderResponseDto })
  @ApiResponse({
    status: 404,
    type: ProblemResponseDto,
    description: 'No such order, or not yours',
  })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
  ): Promise<OrderView> {
    const order = await this.orders.findById(id);
    // Another customer's order answers exactly like a missing one: ids are not confirmed to exist.
    if (!order || !canSee(principal, order.snapshot.customerId)) throw new OrderNotFoundError(id);
    return toOrderView(order);
  }
}

export function canSee(principal: Principal, customerId: string): boolean {
  return principal.role === 'admin' || principal.customerId === customerId;
}
