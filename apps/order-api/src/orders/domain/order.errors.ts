import type { OrderStatus } from './order-status';

/** A domain error with a stable code; the HTTP edge maps codes to problem+json answers. */
export class OrderDomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class IllegalOrderTransitionError extends OrderDomainError {
  constructor(from: OrderStatus, to: OrderStatus) {
    super('ORDER.ILLEGAL_TRANSITION', `An order cannot move from ${from} to ${to}`);
  }
}

export class OrderNotFoundError extends OrderDomainError {
  constructor(id: string) {
    super('ORDER.NOT_FOUND', `Order ${id} does not exist`);
  }
}

export class OrderNotCancellableError extends OrderDomainError {
  constructor(id: string, status: OrderStatus) {
    super('ORDER.NOT_CANCELLABLE', `Order ${id} is ${status} and can no longer be cancelled`);
  }
}
