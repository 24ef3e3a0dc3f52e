/**
 * The order state machine as data: the order API's aggregate enforces it, the invariant auditor
 * checks recorded timelines against it.
 */
export const ORDER_STATUSES = [
  'PENDING',
  'PAYMENT_AUTHORIZED',
  'INVENTORY_RESERVED',
  'SHIPPED',
  'PAYMENT_FAILED',
  'OUT_OF_STOCK',
  'CANCELLED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Position on the success path; a status event never moves an order to a lower one. */
export const SUCCESS_PATH: readonly OrderStatus[] = [
  'PENDING',
  'PAYMENT_AUTHORIZED',
  'INVENTORY_RESERVED',
  'SHIPPED',
];

/** Terminal failures and the statuses each may be entered from. */
export const FAILURE_ENTRY: Readonly<Record<string, readonly OrderStatus[]>> = {
  PAYMENT_FAILED: ['PENDING'],
  OUT_OF_STOCK: ['PENDING', 'PAYMENT_AUTHORIZED'],
  CANCELLED: ['PENDING', 'PAYMENT_AUTHORIZED', 'INVENTORY_RESERVED'],
};

export const TERMINAL_STATUSES: readonly OrderStatus[] = [
  'SHIPPED',
  'PAYMENT_FAILED',
  'OUT_OF_STOCK',
  'CANCELLED',
];
