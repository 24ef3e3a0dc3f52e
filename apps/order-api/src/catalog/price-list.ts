import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { OrderLine } from '@conveyor/contracts';
import { ProductEntity } from './product.entity';
import { MixedCurrencyError, UnknownSkuError } from './catalog.errors';

/** An order line with the catalog's name and unit price at the time of pricing. */
export interface PricedLine extends OrderLine {
  name: string;
  unitPriceCents: number;
}

/** Prices order lines from the catalog: the server, never the client, decides what things cost. */
@Injectable()
export class PriceList {
  constructor(private readonly dataSource: DataSource) {}

  async price(lines: OrderLine[]): Promise<{ items: PricedLine[]; currency: string }> {
    const skus = lines.map((line) => line.sku);
    const products = await this.dataSource.manager.find(ProductEntity, {
      where: { sku: In(skus) },
    });
    const bySku = new Map(products.map((product) => [product.sku, product]));
    const unknown = skus.filter((sku) => !bySku.has(sku));
    if (unknown.length > 0) throw new UnknownSkuError(unknown);
    const currencies = new Set(products.map((product) => product.currency));
    if (currencies.size > 1) throw new MixedCurrencyError();
    const items = lines.map((line) => {
      const product = bySku.get(line.sku)!;
      return {
        sku: line.sku,
        name: product.name,
        quantity: line.quantity,
        unitPriceCents: product.priceCents,
      };
    });
    return { items, currency: products[0].currency };
  }
}
