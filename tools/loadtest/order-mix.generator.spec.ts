import { DECLINED_CARD, OrderMixGenerator } from './order-mix.generator';

const SKUS = ['MUG', 'TEE', 'CAP', 'SNEAKER'];

describe('order mix', () => {
  const baskets = (seed: number, count: number, declineShare = 0.2) => {
    const mix = new OrderMixGenerator({ skus: SKUS, customers: 1000, declineShare, seed });
    return Array.from({ length: count }, () => mix.next());
  };

  it('sends the same baskets for the same seed, with fresh idempotency keys', () => {
    const [first, second] = [baskets(42, 50), baskets(42, 50)];
    expect(first.map((order) => order.body)).toEqual(second.map((order) => order.body));
    expect(new Set([...first, ...second].map((order) => order.idempotencyKey)).size).toBe(100);
  });

  it('orders catalog SKUs at most once per basket, one to three units each, from many customers', () => {
    const orders = baskets(7, 2000);
    for (const { body } of orders) {
      const skus = body.items.map((item) => item.sku);
      expect(new Set(skus).size).toBe(skus.length);
      expect(skus.every((sku) => SKUS.includes(sku))).toBe(true);
      expect(body.items.every((item) => item.quantity >= 1 && item.quantity <= 3)).toBe(true);
    }
    expect(new Set(orders.map((order) => order.customerIndex)).size).toBeGreaterThan(500);
    const declined = orders.filter((order) => order.body.paymentMethod === DECLINED_CARD).length;
    expect(declined).toBeGreaterThan(300);
    expect(declined).toBeLessThan(500);
  });

  it('declines no card at share 0 and every card at share 1', () => {
    expect(baskets(1, 100, 0).some((order) => order.body.paymentMethod === DECLINED_CARD)).toBe(
      false,
    );
    expect(baskets(1, 100, 1).every((order) => order.body.paymentMethod === DECLINED_CARD)).toBe(
      true,
    );
  });
});
