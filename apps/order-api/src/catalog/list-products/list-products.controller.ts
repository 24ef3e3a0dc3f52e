import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../../auth/auth.decorators';
import { ProductEntity } from '../product.entity';

class ProductResponseDto {
  @ApiProperty({ example: 'MUG-CLASSIC' }) sku: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Integer minor units of `currency`' }) priceCents: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({
    description: 'Units on sale; follows the inventory service and may lag by seconds',
  })
  available: number;
}

@ApiTags('catalog')
@Controller('products')
export class ListProductsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'The catalog',
    description:
      '`available` is updated from the inventory service’s stock events, so it can lag a ' +
      'reservation by a few seconds. It is a hint for shoppers: the inventory worker alone ' +
      'decides, atomically, whether an order gets its stock.',
  })
  @ApiOkResponse({ type: [ProductResponseDto] })
  async list(): Promise<ProductResponseDto[]> {
    const products = await this.dataSource.manager.find(ProductEntity, { order: { sku: 'ASC' } });
    return products.map(({ sku, name, priceCents, currency, available }) => ({
      sku,
      name,
      priceCents,
      currency,
      available,
    }));
  }
}
