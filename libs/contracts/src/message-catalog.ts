import type { z } from 'zod';
import { noOrderSchema, orderIdSchema } from './messages/shared.schema';
import type { ConveyorApp, QueueName } from './topology';
import {
  paymentAuthorizationRequestedSchema,
  paymentCaptureRequestedSchema,
  paymentVoidRequestedSchema,
  stripeEventReceivedSchema,
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
  paymentAuthorizationCanceledSchema,
  paymentAuthorizedSchema,
  paymentFailedSchema,
  stockLevelsChangedSchema,
  stockReservedSchema,
} from './messages/order-event-messages.schema';

export interface CatalogEntry {
  /** The one queue this type travels on; its prefix names it (`payment.` → payments, …). */
  queue: QueueName;
  /** The current version; a consumer treats any other version as poison. */
  version: number;
  /** The apps allowed to send it: their outbox accepts it, their cloud role may send it. */
  producers: readonly ConveyorApp[];
  /** The envelope's `orderId`: the order the message is about, or null for catalog-wide news. */
  orderId: typeof orderIdSchema | typeof noOrderSchema;
  payload: z.ZodType;
}

/**
 * Every message type: its queue, version, producers, order scope and payload schema. The consumer of a
 * queue (QUEUE_CONSUMERS) must handle every type on it, and an app may emit only the types that
 * name it as a producer; both are checked by the type checker.
 */
export const MESSAGE_CATALOG = {
  'payment.authorization-requested': {
    queue: 'payments',
    version: 2,
    producers: ['order-api'],
    orderId: orderIdSchema,
    payload: paymentAuthorizationRequestedSchema,
  },
  'payment.capture-requested': {
    queue: 'payments',
    version: 1,
    producers: ['shipping-worker'],
    orderId: orderIdSchema,
    payload: paymentCaptureRequestedSchema,
  },
  'payment.void-requested': {
    queue: 'payments',
    version: 1,
    producers: ['inventory-worker', 'shipping-worker'],
    orderId: orderIdSchema,
    payload: paymentVoidRequestedSchema,
  },
  'payment.stripe-event-received': {
    queue: 'payments',
    version: 1,
    producers: ['order-api'],
    orderId: noOrderSchema,
    payload: stripeEventReceivedSchema,
  },
  'inventory.reservation-requested': {
    queue: 'inventory',
    version: 2,
    producers: ['payment-worker'],
    orderId: orderIdSchema,
    payload: stockReservationRequestedSchema,
  },
  'inventory.release-requested': {
    queue: 'inventory',
    version: 1,
    producers: ['shipping-worker'],
    orderId: orderIdSchema,
    payload: stockReleaseRequestedSchema,
  },
  'inventory.reservation-fulfilled': {
    queue: 'inventory',
    version: 1,
    producers: ['shipping-worker'],
    orderId: orderIdSchema,
    payload: reservationFulfilledSchema,
  },
  'inventory.restock-requested': {
    queue: 'inventory',
    version: 1,
    producers: ['order-api'],
    orderId: noOrderSchema,
    payload: restockRequestedSchema,
  },
  'shipping.shipment-requested': {
    queue: 'shipping',
    version: 2,
    producers: ['inventory-worker'],
    orderId: orderIdSchema,
    payload: shipmentRequestedSchema,
  },
  'shipping.cancellation-requested': {
    queue: 'shipping',
    version: 1,
    producers: ['order-api'],
    orderId: orderIdSchema,
    payload: shipmentCancellationRequestedSchema,
  },
  'order.payment-authorized': {
    queue: 'order-events',
    version: 1,
    producers: ['payment-worker'],
    orderId: orderIdSchema,
    payload: paymentAuthorizedSchema,
  },
  'order.payment-failed': {
    queue: 'order-events',
    version: 1,
    producers: ['payment-worker'],
    orderId: orderIdSchema,
    payload: paymentFailedSchema,
  },
  'order.payment-authorization-canceled': {
    queue: 'order-events',
    version: 1,
    producers: ['payment-worker'],
    orderId: orderIdSchema,
    payload: paymentAuthorizationCanceledSchema,
  },
  'order.stock-reserved': {
    queue: 'order-events',
    version: 1,
    producers: ['inventory-worker'],
    orderId: orderIdSchema,
    payload: stockReservedSchema,
  },
  'order.out-of-stock': {
    queue: 'order-events',
    version: 1,
    producers: ['inventory-worker'],
    orderId: orderIdSchema,
    payload: outOfStockSchema,
  },
  'order.shipped': {
    queue: 'order-events',
    version: 1,
    producers: ['payment-worker'],
    orderId: orderIdSchema,
    payload: orderShippedSchema,
  },
  'order.cancelled': {
    queue: 'order-events',
    version: 1,
    producers: ['shipping-worker'],
    orderId: orderIdSchema,
    payload: orderCancelledSchema,
  },
  'order.cancellation-rejected': {
    queue: 'order-events',
    version: 1,
    producers: ['shipping-worker'],
    orderId: orderIdSchema,
    payload: cancellationRejectedSchema,
  },
  'order.stock-levels-changed': {
    queue: 'order-events',
    version: 1,
    producers: ['inventory-worker'],
    orderId: noOrderSchema,
    payload: stockLevelsChangedSchema,
  },
} as const satisfies Record<string, CatalogEntry>;

/**
 * Former names of renamed types. A message already in flight (in a queue, a DLQ or an outbox)
 * under its old name is read as the new type; nothing sends the old names any more.
 */
export const MESSAGE_TYPE_ALIASES = {
  'inventory.stock-levels-changed': 'order.stock-levels-changed',
} as const satisfies Record<string, keyof typeof MESSAGE_CATALOG>;
