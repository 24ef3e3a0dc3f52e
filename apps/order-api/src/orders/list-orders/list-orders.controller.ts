import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { Principal } from '@conveyor/auth';
import { CurrentPrincipal } from '../../auth/auth.decorators';
import { OrderEntity } from '../persistence/order.entity';
import { toAggregate } from '../persistence/order.repository';
import { OrderListResponseDto } from '../get-order/order.response.dto';
import { toOrderView, type OrderView } from '../get-order/order.view';
import { ListOrdersQueryDto } from './list-orders.query.dto';
import { orderPageCursor } from './order-page.cursor';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class ListOrdersController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'List your orders, newest first (admins see every order)' })
  @ApiOkResponse({ type: OrderListResponseDto })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListOrdersQueryDto,
  ): Promise<{ items: OrderView[]; nextCursor: string | null }> {
    const builder = this.dataSource.manager
      .createQueryBuilder(OrderEntity, 'o')
      .leftJoinAndSelect('o.items', 'item')
      .orderBy('o.created_at', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .take(query.limit + 1);
    if (principal.role !== 'admin') builder.andWhere('o.customer_id = :customerId', principal);
    if (query.status) builder.andWhere('o.status = :status', { status: query.status });
    if (query.cursor) {
      const after = orderPageCursor.decode(query.cursor);
      builder.andWhere('(o.created_at, o.id) < (:createdAt::timestamptz, :id::uuid)', after);
    }
    const rows = await builder.getMany();
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => toOrderView(toAggregate(row))),
      nextCursor:
        rows.length > query.limit && last
          ? orderPageCursor.encode({ createdAt: last.createdAt.toISOString(), id: last.id })
          : null,
    };
  }
}
