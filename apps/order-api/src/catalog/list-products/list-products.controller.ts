import { Controller, Get } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProductEntity } from '../product.entity';

/**
 * The public catalog. `available` follows the inventory service's stock events, so it can lag
 * a reservation by a few seconds; the inventory worker, not this number, prevents overselling.
 */
@Controller('products')
export class ListProductsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  async list() {
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
