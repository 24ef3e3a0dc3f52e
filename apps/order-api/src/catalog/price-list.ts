import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OrderLine } from '@conveyor/contracts';
import { MixedCurrencyError, UnknownSkuError } from './catalog.errors';

/** An order line with the catalog's name and unit price at the time of pricing. */
export interface PricedLine extends OrderLine {
  name: string;
  unitPriceCents: number;
}

interface Product {
  name: string;
  priceCents: number;
  currency: string;
}

/**
 * Prices order lines from the catalog: the server, never the client, decides what things cost.
 * Products are kept in memory once read, which saves a round trip per order (a look-up was one of
 * the order API's three before its transaction). The memory is never trusted on its own: the
 * statement that places the order checks every line against the catalog's current row and
 * writes nothing if one changed; the caller then `refresh`es those SKUs and prices again.
 */
@Injectable()
export class PriceList {
  private readonly products = new Map<string, Product>();

  constructor(private readonly dataSource: DataSource) {}

  async price(lines: OrderLine[]): Promise<{ items: PricedLine[]; currency: string }> {
    const skus = lines.map((line) => line.sku);
    const missing = skus.filter((sku) => !this.products.has(sku));
    if (missing.length > 0) await this.refresh(missing);
    const unknown = skus.filter((sku) => !this.products.has(sku));
    if (unknown.length > 0) throw new UnknownSkuError(unknown);
    const found = skus.map((sku) => this.products.get(sku)!);
    const currency = found[0].currency;
    if (found.some((product) => product.currency !== currency)) throw new MixedCurrencyError();
    const items = lines.map((line, index) => ({
      sku: line.sku,
      name: found[index].name,
      quantity: line.quantity,
      unitPriceCents: found[index].priceCents,
    }));
    return { items, currency };
  }

  /** Reads these SKUs from the catalog again; one that no longer exists is forgotten. */
  async refresh(skus: string[]): Promise<void> {
    const rows = await this.dataSource.query<
      { sku: string; name: string; price_cents: number; currency: string }[]
    >(`SELECT sku, name, price_cents, currency FROM orders.products WHERE sku = ANY($1::text[])`, [
      skus,
    ]);
    for (const sku of skus) this.products.delete(sku);
    for (const row of rows) {
      this.products.set(row.sku, {
        name: row.name,
        priceCents: row.price_cents,
        currency: row.currency,
      });
    }
  }
}
