export * from './envelope.schema';
export * from './message-catalog';
export * from './messages/shared.schema';
export * from './messages/payment-messages.schema';
export * from './messages/inventory-messages.schema';
export * from './messages/shipping-messages.schema';
export * from './messages/order-event-messages.schema';
