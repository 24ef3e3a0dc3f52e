import { CodedError } from '../errors/coded.error';

export class UnknownSkuError extends CodedError {
  constructor(readonly skus: string[]) {
    super('CATALOG.UNKNOWN_SKU', `Unknown SKU: ${skus.join(', ')}`);
  }
}

export class ProductNotFoundError extends CodedError {
  constructor(sku: string) {
    super('CATALOG.PRODUCT_NOT_FOUND', `No product with SKU ${sku}`);
  }
}

export class MixedCurrencyError extends CodedError {
  constructor() {
    super('ORDER.MIXED_CURRENCY', 'All items of one order must be priced in the same currency');
  }
}
