import { randomUUID } from 'node:crypto';
import { seededRandom } from '@conveyor/seeded-random';
import type { OrderLine, ShippingAddress } from '@conveyor/contracts';

export const APPROVED_CARD = 'pm_card_visa';
export const DECLINED_CARD = 'pm_card_chargeDeclined';

export interface OrderMixOptions {
  skus: readonly string[];
  customers: number;
  /** Share of orders paid with a card the Stripe emulator declines, 0..1. */
  declineShare: number;
  seed: number;
}

/** The body of `POST /orders`, as the load kit, the benchmark and the tests send it. */
export interface OrderRequestBody {
  items: OrderLine[];
  paymentMethod: string;
  shippingAddress: ShippingAddress;
}

export interface GeneratedOrder {
  customerIndex: number;
  idempotencyKey: string;
  body: OrderRequestBody;
}

/** Most baskets hold one line of one unit; a few are bigger, as in a shop's order log. */
const LINE_COUNT_WEIGHTS = [0.6, 0.3, 0.1];
const QUANTITY_WEIGHTS = [0.7, 0.2, 0.1];
const CITIES = [
  { city: 'Berlin', postalCode: '10115', country: 'DE' },
  { city: 'Paris', postalCode: '75001', country: 'FR' },
  { city: 'Madrid', postalCode: '28001', country: 'ES' },
  { city: 'Amsterdam', postalCode: '1011', country: 'NL' },
];

/** Realistic orders from a seeded generator, so two runs with one seed send the same baskets. */
export class OrderMixGenerator {
  private readonly random: () => number;

  constructor(private readonly options: OrderMixOptions) {
    if (options.skus.length === 0) throw new Error('the order mix needs at least one SKU');
    if (!Number.isInteger(options.customers) || options.customers < 1) {
      throw new Error('the order mix needs a whole number of customers, at least one');
    }
    if (options.declineShare < 0 || options.declineShare > 1) {
      throw new Error('declineShare must be between 0 and 1');
    }
    this.random = seededRandom(options.seed);
  }

  next(): GeneratedOrder {
    const customerIndex = Math.floor(this.random() * this.options.customers);
    const place = CITIES[Math.floor(this.random() * CITIES.length)];
    return {
      customerIndex,
      // Fresh per attempt, as a client makes one per checkout; never reused across runs.
      idempotencyKey: `load-${randomUUID()}`,
      body: {
        items: this.lines(),
        paymentMethod: this.random() < this.options.declineShare ? DECLINED_CARD : APPROVED_CARD,
        shippingAddress: {
          name: `Load Customer ${customerIndex}`,
          line1: '1 Main Street',
          ...place,
        },
      },
    };
  }

  private lines(): { sku: string; quantity: number }[] {
    const skus = [...this.options.skus];
    const count = Math.min(skus.length, 1 + this.pick(LINE_COUNT_WEIGHTS));
    const lines: { sku: string; quantity: number }[] = [];
    for (let i = 0; i < count; i++) {
      const [sku] = skus.splice(Math.floor(this.random() * skus.length), 1);
      lines.push({ sku, quantity: 1 + this.pick(QUANTITY_WEIGHTS) });
    }
    return lines;
  }

  private pick(weights: readonly number[]): number {
    let roll = this.random();
    for (let index = 0; index < weights.length; index++) {
      roll -= weights[index];
      if (roll < 0) return index;
    }
    return weights.length - 1;
  }
}
