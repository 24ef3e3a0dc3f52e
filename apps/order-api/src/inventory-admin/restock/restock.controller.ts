import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { OrderApiMessaging } from '../../order-api.messaging';
import { AdminOnly } from '../../auth/auth.decorators';
import { ProductNotFoundError } from '../../catalog/catalog.errors';
import { ProductEntity } from '../../catalog/product.entity';
import { ProblemResponseDto } from '../../http/problem.response.dto';
import { RestockRequestDto } from './restock.request.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/inventory')
export class RestockController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly messaging: OrderApiMessaging,
  ) {}

  @Post(':sku/restock')
  @HttpCode(202)
  @AdminOnly()
  @ApiOperation({
    summary: 'Add stock to a SKU (admin); the inventory worker applies it from its queue',
  })
  @ApiAcceptedResponse({ description: '{ sku, quantity, status: "ACCEPTED" }' })
  @ApiResponse({ status: 403, type: ProblemResponseDto })
  @ApiResponse({ status: 404, type: ProblemResponseDto })
  async restock(@Param('sku') sku: string, @Body() body: RestockRequestDto) {
    const product = await this.dataSource.manager.findOneBy(ProductEntity, {
      sku: sku.slice(0, 64),
    });
    if (!product) throw new ProductNotFoundError(sku.slice(0, 64));
    await this.messaging.run(({ emit }) =>
      emit('inventory.restock-requested', null, { sku: product.sku, quantity: body.quantity }),
    );
    return { sku: product.sku, quantity: body.quantity, status: 'ACCEPTED' };
  }
}
