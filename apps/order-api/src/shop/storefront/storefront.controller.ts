import { Controller, Get, Header, Inject, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../../auth/auth.decorators';
import { ProductEntity } from '../../catalog/product.entity';
import { ORDER_API_CONFIG, type OrderApiConfig } from '../../order-api.config';
import { ShopSessionReader } from '../shop-session.reader';
import { renderAvailabilityUpdate, type CatalogProduct } from './catalog.view';
import { renderStorefront } from './storefront.page';

/** The storefront page, and the one shared endpoint its availability cells poll. */
@ApiExcludeController()
@Controller('shop')
export class StorefrontController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly session: ShopSessionReader,
    @Inject(ORDER_API_CONFIG) private readonly config: OrderApiConfig,
  ) {}

  @Get()
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async page(@Req() request: FastifyRequest): Promise<string> {
    return renderStorefront({
      products: await this.products(),
      customer: await this.session.customerOf(request),
      demoSignInEnabled: this.config.demoSignIn !== undefined,
    });
  }

  @Get('availability')
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async availability(): Promise<string> {
    return renderAvailabilityUpdate(await this.products()).toString();
  }

  private async products(): Promise<CatalogProduct[]> {
    const rows = await this.dataSource.manager.find(ProductEntity, { order: { sku: 'ASC' } });
    return rows.map(({ sku, name, priceCents, currency, available }) => ({
      sku,
      name,
      priceCents,
      currency,
      available,
    }));
  }
}
