export type { ClockView } from './emulator.clock';
export type {
  EmulatedPaymentIntentView,
  EmulatedRefundView,
  EmulatorStats,
  FaultProfile,
} from './emulator.types';
export { StripeEmulatorControl } from './stripe-emulator.control';
export {
  StripeEmulatorServer,
  startStripeEmulator,
  type RunningStripeEmulator,
  type StripeEmulatorOptions,
} from './stripe-emulator.server';
