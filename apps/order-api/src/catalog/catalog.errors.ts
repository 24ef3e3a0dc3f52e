import { OrderDomainError } from '../orders/domain/order.errors';

export class UnknownSkuError extends OrderDomainError {
  constructor(readonly skus: string[]) {
    super('UNKNOWN_SKU', `Unknown SKU: ${skus.join(', ')}`);
  }
}

export class MixedCurrencyError extends OrderDomainError {
  constructor() {
    super('ORDER.MIXED_CURRENCY', 'All items of one order must be priced in the same currency');
  }
}
