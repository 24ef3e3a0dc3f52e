import type { z } from 'zod';
import {
  paymentAuthorizationRequestedSchema,
  paymentCaptureRequestedSchema,
  paymentVoidRequestedSchema,
} from './messages/payment-messages.schema';
import {
  reservationFulfilledSchema,
  restockRequestedSchema,
  stockReleaseRequestedSchema,
  stockReservationRequestedSchema,
} from './messages/inventory-messages.schema';
import {
  shipmentCancellationRequestedSchema,
  shipmentRequestedSchema,
} from './messages/shipping-messages.schema';
import {
  cancellationRejectedSchema,
  orderCancelledSchema,
  orderShippedSchema,
  outOfStockSchema,
  paymentAuthorizedSchema,
  paymentFailedSchema,
  stockLevelsChangedSchema,
  stockReservedSchema,
} from './messages/order-event-messages.schema';

/** The work queues; each has a dead-letter queue beside it. */
export const QUEUE_NAMES = ['payments', 'inventory', 'shipping', 'order-events'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * Every message type, the queue it travels on, its current version and its payload schema.
 * A consumer treats a (type, version) pair missing here as poison.
 */
export const MESSAGE_CATALOG = {
  'payment.authorization-requested': {
    queue: 'payments',
    version: 1,
    payload: paymentAuthorizationRequestedSchema,
  },
  'payment.capture-requested': {
    queue: 'payments',
    version: 1,
    payload: paymentCaptureRequestedSchema,
  },
  'payment.void-requested': { queue: 'payments', version: 1, payload: paymentVoidRequestedSchema },
  'inventory.reservation-requested': {
    queue: 'inventory',
    version: 1,
    payload: stockReservationRequestedSchema,
  },
  'inventory.release-requested': {
    queue: 'inventory',
    version: 1,
    payload: stockReleaseRequestedSchema,
  },
  'inventory.reservation-fulfilled': {
    queue: 'inventory',
    version: 1,
    payload: reservationFulfilledSchema,
  },
  'inventory.restock-requested': {
    queue: 'inventory',
    version: 1,
    payload: restockRequestedSchema,
  },
  'shipping.shipment-requested': {
    queue: 'shipping',
    version: 1,
    payload: shipmentRequestedSchema,
  },
  'shipping.cancellation-requested': {
    queue: 'shipping',
    version: 1,
    payload: shipmentCancellationRequestedSchema,
  },
  'order.cancellation-rejected': {
    queue: 'order-events',
    version: 1,
    payload: cancellationRejectedSchema,
  },
  'order.payment-authorized': {
    queue: 'order-events',
    version: 1,
    payload: paymentAuthorizedSchema,
  },
  'order.payment-failed': { queue: 'order-events', version: 1, payload: paymentFailedSchema },
  'order.stock-reserved': { queue: 'order-events', version: 1, payload: stockReservedSchema },
  'order.out-of-stock': { queue: 'order-events', version: 1, payload: outOfStockSchema },
  'order.shipped': { queue: 'order-events', version: 1, payload: orderShippedSchema },
  'order.cancelled': { queue: 'order-events', version: 1, payload: orderCancelledSchema },
  'inventory.stock-levels-changed': {
    queue: 'order-events',
    version: 1,
    payload: stockLevelsChangedSchema,
  },
} as const satisfies Record<string, { queue: QueueName; version: number; payload: z.ZodType }>;

export type MessageCatalog = typeof MESSAGE_CATALOG;
export type MessageType = keyof MessageCatalog;
export type PayloadOf<T extends MessageType> = z.infer<MessageCatalog[T]['payload']>;
