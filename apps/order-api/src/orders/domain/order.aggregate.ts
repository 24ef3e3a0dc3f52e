import type { CancellationReason, Shipment, ShippingAddress } from '@conveyor/contracts';
import {
  CANCELLABLE_STATUSES,
  FAILURE_ENTRY,
  SUCCESS_PATH,
  isTerminal,
  type OrderStatus,
} from './order-status';
import { IllegalOrderTransitionError, OrderNotCancellableError } from './order.errors';

export interface OrderLineItem {
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
}

export interface TimelineEntry {
  status: OrderStatus;
  at: string;
  reason?: string;
}

export interface OrderState {
  id: string;
  customerId: string;
  status: OrderStatus;
  items: OrderLineItem[];
  currency: string;
  shippingAddress: ShippingAddress;
  paymentMethod: string;
  shipment: Shipment | null;
  failureReason: string | null;
  /** Set when the customer asked to cancel; the workers decide whether it is still possible. */
  cancellationRequestedAt: Date | null;
  /** Who asked: the customer, or Stripe canceling the payment's authorization. */
  cancellationReason: CancellationReason | null;
  timeline: TimelineEntry[];
  createdAt: Date;
  updatedAt: Date;
}

export type NewOrder = Pick<
  OrderState,
  'id' | 'customerId' | 'items' | 'currency' | 'shippingAddress' | 'paymentMethod'
>;

/** `applied` changed the order; `stale` was a late or repeated event for a step already passed. */
export type TransitionResult = 'applied' | 'stale';

/**
 * The order aggregate: the only code that changes an order's status. Workers report progress
 * as events that may arrive twice or out of order, so success-path events only ever move an
 * order forward, and anything that would contradict a terminal status is refused.
 */
export class Order {
  private constructor(private readonly state: OrderState) {}

  static place(input: NewOrder, now: Date): Order {
    return new Order({
      ...input,
      status: 'PENDING',
      shipment: null,
      failureReason: null,
      cancellationRequestedAt: null,
      cancellationReason: null,
      timeline: [{ status: 'PENDING', at: now.toISOString() }],
      createdAt: now,
      updatedAt: now,
    });
  }

  static restore(state: OrderState): Order {
    return new Order(state);
  }

  get snapshot(): Readonly<OrderState> {
    return this.state;
  }

  get totalCents(): number {
    return this.state.items.reduce((sum, item) => sum + item.unitPriceCents * item.quantity, 0);
  }

  /**
   * The customer's request to cancel. It does not change the status: the order becomes
   * CANCELLED only when the shipping worker confirms nothing has shipped. Asking twice is fine.
   */
  requestCancellation(now: Date): TransitionResult {
    if (!CANCELLABLE_STATUSES.includes(this.state.status)) {
      throw new OrderNotCancellableError(this.state.id, this.state.status);
    }
    if (this.state.cancellationRequestedAt) return 'stale';
    this.state.cancellationRequestedAt = now;
    this.state.cancellationReason = 'CUSTOMER_REQUEST';
    this.state.updatedAt = now;
    return 'applied';
  }

  /**
   * Stripe canceled the authorization (it expired, or someone canceled it outside Conveyor):
   * nothing can be captured, so the order asks to be cancelled, like a customer would, and the
   * shipping worker decides. The timeline says why; a repeat or a late report changes nothing.
   */
  paymentAuthorizationCanceled(detail: string, now: Date): TransitionResult {
    if (isTerminal(this.state.status)) return 'stale';
    if (this.state.cancellationReason === 'PAYMENT_AUTHORIZATION_CANCELED') return 'stale';
    this.state.cancellationRequestedAt ??= now;
    this.state.cancellationReason = 'PAYMENT_AUTHORIZATION_CANCELED';
    this.state.updatedAt = now;
    this.state.timeline.push({ status: this.state.status, at: now.toISOString(), reason: detail });
    return 'applied';
  }

  /** The shipment already existed when the cancellation arrived: noted, and the order ships. */
  cancellationRejected(reason: string, now: Date): TransitionResult {
    if (isTerminal(this.state.status) && this.state.status !== 'SHIPPED') return 'stale';
    this.state.updatedAt = now;
    this.state.timeline.push({ status: this.state.status, at: now.toISOString(), reason });
    return 'applied';
  }

  paymentAuthorized(now: Date): TransitionResult {
    return this.advance('PAYMENT_AUTHORIZED', now);
  }

  stockReserved(now: Date): TransitionResult {
    return this.advance('INVENTORY_RESERVED', now);
  }

  shipped(shipment: Shipment, now: Date): TransitionResult {
    const result = this.advance('SHIPPED', now);
    if (result === 'applied') this.state.shipment = shipment;
    return result;
  }

  paymentFailed(reason: string, now: Date): TransitionResult {
    return this.fail('PAYMENT_FAILED', reason, now);
  }

  outOfStock(reason: string, now: Date): TransitionResult {
    return this.fail('OUT_OF_STOCK', reason, now);
  }

  cancelled(reason: string, now: Date): TransitionResult {
    return this.fail('CANCELLED', reason, now);
  }

  private advance(target: OrderStatus, now: Date): TransitionResult {
    const current = this.state.status;
    const from = SUCCESS_PATH.indexOf(current);
    const to = SUCCESS_PATH.indexOf(target);
    if (from >= to && from !== -1) return 'stale';
    if (isTerminal(current)) {
      // Shipping a failed order would contradict it; earlier steps merely arrived late.
      if (target === 'SHIPPED') throw new IllegalOrderTransitionError(current, target);
      return 'stale';
    }
    this.record(target, now);
    return 'applied';
  }

  private fail(target: OrderStatus, reason: string, now: Date): TransitionResult {
    const current = this.state.status;
    // The first terminal outcome wins; a later failure report for an ended order changes nothing.
    if (isTerminal(current) && current !== 'SHIPPED') return 'stale';
    if (!FAILURE_ENTRY[target].includes(current)) {
      throw new IllegalOrderTransitionError(current, target);
    }
    this.state.failureReason = reason;
    this.record(target, now, reason);
    return 'applied';
  }

  private record(status: OrderStatus, now: Date, reason?: string): void {
    this.state.status = status;
    this.state.updatedAt = now;
    this.state.timeline.push(
      reason ? { status, at: now.toISOString(), reason } : { status, at: now.toISOString() },
    );
  }
}
