import { CodedError } from '../../errors/coded.error';
import type { OrderStatus } from './order-status';

/**
 * Not a CodedError: no request can cause it. Only worker events move an order's status, and the
 * order-events consumer dead-letters an event that contradicts the order.
 */
export class IllegalOrderTransitionError extends Error {
  constructor(from: OrderStatus, to: OrderStatus) {
    super(`An order cannot move from ${from} to ${to}`);
  }
}

export class OrderNotFoundError extends CodedError {
  constructor(id: string) {
    super('ORDER.NOT_FOUND', `Order ${id} does not exist`);
  }
}

export class OrderNotCancellableError extends CodedError {
  constructor(id: string, status: OrderStatus) {
    super('ORDER.NOT_CANCELLABLE', `Order ${id} is ${status} and can no longer be cancelled`);
  }
}
