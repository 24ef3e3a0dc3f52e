/** The work queues; each has a dead-letter queue beside it. */
export const QUEUE_NAMES = ['payments', 'inventory', 'shipping', 'order-events'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** The apps, each deployed on its own; each consumes exactly one queue. */
export const CONVEYOR_APPS = [
  'order-api',
  'payment-worker',
  'inventory-worker',
  'shipping-worker',
] as const;
export type ConveyorApp = (typeof CONVEYOR_APPS)[number];

/** Who consumes each queue. Who sends to it is said per message type in MESSAGE_CATALOG. */
export const QUEUE_CONSUMERS = {
  payments: 'payment-worker',
  inventory: 'inventory-worker',
  shipping: 'shipping-worker',
  'order-events': 'order-api',
} as const satisfies Record<QueueName, ConveyorApp>;
