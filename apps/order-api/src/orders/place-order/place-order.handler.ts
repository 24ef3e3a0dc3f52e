import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Failpoints } from '@conveyor/config';
import type { OrderLine, ShippingAddress } from '@conveyor/contracts';
import { OrderApiMessaging } from '../../order-api.messaging';
import { correlationContext, METRICS, MetricsService } from '@conveyor/observability';
import { PriceList } from '../../catalog/price-list';
import { Order } from '../domain/order.aggregate';
import { OrderRepository } from '../persistence/order.repository';
import { PersonalDataSealer } from '../personal-data/personal-data.sealer';
import { toOrderView, type OrderView } from '../get-order/order.view';
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
 * stored answer and the payment request commit in one transaction, and the outbox relay sends
 * the request to the payments queue right after the commit.
 */
@Injectable()
export class PlaceOrderHandler {
  private readonly placed;

  constructor(
    private readonly priceList: PriceList,
    private readonly orders: OrderRepository,
    private readonly keys: IdempotencyKeyStore,
    private readonly messaging: OrderApiMessaging,
    private readonly sealer: PersonalDataSealer,
    metrics: MetricsService,
    @Inject(Failpoints) private readonly failpoints: Failpoints,
  ) {
    this.placed = metrics.counter(METRICS.ordersPlaced);
  }

  async execute(command: PlaceOrderCommand): Promise<PlaceOrderResult> {
    const { customerId, idempotencyKey, items, paymentMethod, shippingAddress } = command;
    const requestHash = IdempotencyKeyStore.hash({ items, paymentMethod, shippingAddress });
    const previous = await this.keys.find(customerId, idempotencyKey);
    if (previous) return replay(previous, requestHash);

    const priced = await this.priceList.price(items);
    const order = Order.place(
      { id: randomUUID(), customerId, ...priced, shippingAddress, paymentMethod },
      new Date(),
    );
    const view = toOrderView(order);
    try {
      await this.messaging.run(async ({ manager, emit }) => {
        await this.orders.insert(manager, order);
        await emit('payment.authorization-requested', view.id, {
          customerId,
          totalCents: view.totalCents,
          currency: view.currency,
          items,
          ...this.sealer.seal(view.id, { shippingAddress, paymentMethod }),
        });
        await this.keys.save(manager, {
          customerId,
          key: idempotencyKey,
          orderId: view.id,
          requestHash,
          status: 202,
          body: view,
        });
      });
    } catch (error) {
      return this.resolveRace(error, command, requestHash);
    }
    this.placed.inc();
    // Committed, not yet answered: the client can only retry with its Idempotency-Key.
    this.failpoints.hit(
      'order-api:after-commit-before-response',
      correlationContext.currentId() ?? '',
    );
    return { status: 202, order: view, replayed: false };
  }

  /** A concurrent request with the same key committed first: answer as it did. */
  private async resolveRace(error: unknown, command: PlaceOrderCommand, requestHash: string) {
    const code = (error as { code?: string }).code;
    if (code === '55P03') throw new IdempotencyKeyInUseError();
    if (code !== '23505') throw error;
    const winner = await this.keys.find(command.customerId, command.idempotencyKey);
    if (!winner) throw new IdempotencyKeyInUseError();
    return replay(winner, requestHash);
  }
}

function replay(previous: StoredResponse, requestHash: string): PlaceOrderResult {
  if (previous.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
  return { status: previous.status, order: previous.body as OrderView, replayed: true };
}
