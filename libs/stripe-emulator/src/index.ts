export type { DisputeReason, EmulatedCharge, EmulatedDispute } from './charge-objects.factory';
export type { ClockView } from './emulator.clock';
export type {
  EmulatedPaymentIntentView,
  EmulatedRefundView,
  EmulatorStats,
  FaultProfile,
  WebhookDeliveryPolicy,
  WebhookDeliveryStatus,
  WebhookDeliveryView,
  WebhookEndpoint,
  WebhookFlushOrder,
  WebhookSettings,
  WebhooksView,
} from './emulator.types';
export type { EmulatedEvent, EmulatedEventType } from './stripe-event.publisher';
export { StripeEmulatorControl } from './stripe-emulator.control';
export {
  StripeEmulatorServer,
  startStripeEmulator,
  type RunningStripeEmulator,
  type StripeEmulatorOptions,
  type StripeEmulatorServerOptions,
} from './stripe-emulator.server';
