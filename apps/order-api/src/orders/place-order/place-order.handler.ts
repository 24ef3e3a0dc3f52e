import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Failpoints } from '@conveyor/config';
import type { OrderLine, ShippingAddress } from '@conveyor/contracts';
import { OrderApiMessaging } from '../../order-api.messaging';
import { correlationContext, METRICS, MetricsService } from '@conveyor/observability';
import { PriceList } from '../../catalog/price-list';
import { Order } from '../domain/order.aggregate';
import { PersonalDataSealer } from '../personal-data/personal-data.sealer';
import { toOrderView, type OrderView } from '../get-order/order.view';
import { PlaceOrderStatement } from './place-order.statement';
import {
  IdempotencyKeyInUseError,
  IdempotencyKeyReusedError,
  IdempotencyKeyStore,
  type StoredResponse,
} from './idempotency-key.store';

export interface PlaceOrderCommand {
  customerId: string;
  idempotencyKey: string;
  items: OrderLine[];
  paymentMethod: string;
  shippingAddress: ShippingAddress;
}

export interface PlaceOrderResult {
  status: number;
  order: OrderView;
  replayed: boolean;
}

/**
 * Accepts an order exactly once per (customer, Idempotency-Key): the order, its items, the
 * stored answer and the payment request commit in one statement (PlaceOrderStatement), and the
 * outbox relay sends the request to the payments queue right after the commit.
 */
@Injectable()
export class PlaceOrderHandler {
  private readonly placed;

  constructor(
    private readonly priceList: PriceList,
    private readonly statement: PlaceOrderStatement,
    private readonly keys: IdempotencyKeyStore,
    private readonly messaging: OrderApiMessaging,
    private readonly sealer: PersonalDataSealer,
    metrics: MetricsService,
    @Inject(Failpoints) private readonly failpoints: Failpoints,
  ) {
    this.placed = metrics.counter(METRICS.ordersPlaced);
  }

  async execute(command: PlaceOrderCommand): Promise<PlaceOrderResult> {
    const requestHash = IdempotencyKeyStore.hash({
      items: command.items,
      paymentMethod: command.paymentMethod,
      shippingAddress: command.shippingAddress,
    });
    // A price that changed since it was read is refused by the statement: priced again, once
    // more at most (a price changing twice within one request is not worth a loop).
    for (let attempt = 1; ; attempt++) {
      const placed = await this.tryPlace(command, requestHash);
      if (placed) return placed;
      if (attempt === 2) throw new Error('the catalog kept changing while this order was placed');
    }
  }

  /** One statement; undefined when a line's price changed (its SKUs are then read again). */
  private async tryPlace(
    command: PlaceOrderCommand,
    requestHash: string,
  ): Promise<PlaceOrderResult | undefined> {
    const { customerId, idempotencyKey, items, paymentMethod, shippingAddress } = command;
    const priced = await this.priceList.price(items).catch(async (error: unknown) => {
      // A key used before answers as it did then, even if its SKU has since left the catalog.
      const previous = await this.keys.find(customerId, idempotencyKey);
      if (previous) return replay(previous, requestHash);
      throw error;
    });
    if ('replayed' in priced) return priced;
    const order = Order.place(
      { id: randomUUID(), customerId, ...priced, shippingAddress, paymentMethod },
      new Date(),
    );
    const view = toOrderView(order);
    const message = this.messaging.prepare('payment.authorization-requested', view.id, {
      customerId,
      totalCents: view.totalCents,
      currency: view.currency,
      items,
      ...this.sealer.seal(view.id, { shippingAddress, paymentMethod }),
    });
    const outcome = await this.statement.execute({
      order,
      key: idempotencyKey,
      response: { requestHash, status: 202, body: view },
      message,
    });
    if (outcome === 'prices-changed') {
      await this.priceList.refresh(items.map((item) => item.sku));
      return undefined;
    }
    if (outcome === 'key-used') return this.replayStored(command, requestHash);
    this.messaging.committed([message]);
    this.placed.inc();
    // Committed, not yet answered: the client can only retry with its Idempotency-Key.
    this.failpoints.hit(
      'order-api:after-commit-before-response',
      correlationContext.currentId() ?? '',
    );
    return { status: 202, order: view, replayed: false };
  }

  /** The key was used before, or by a concurrent request that committed first: answer as it did. */
  private async replayStored(command: PlaceOrderCommand, requestHash: string) {
    const previous = await this.keys.find(command.customerId, command.idempotencyKey);
    if (!previous) throw new IdempotencyKeyInUseError();
    return replay(previous, requestHash);
  }
}

function replay(previous: StoredResponse, requestHash: string): PlaceOrderResult {
  if (previous.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
  return { status: previous.status, order: previous.body as OrderView, replayed: true };
}
