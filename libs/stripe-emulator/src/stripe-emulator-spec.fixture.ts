import Stripe from 'stripe';
import { StripeEmulatorControl } from './stripe-emulator.control';
import { startStripeEmulator, type RunningStripeEmulator } from './stripe-emulator.server';

/** The official SDK pointed at a running emulator, as the payment worker points it. */
export function sdkFor(
  emulator: RunningStripeEmulator,
  apiKey = 'sk_test_conveyor',
  options: Stripe.StripeConfig = {},
): Stripe {
  return new Stripe(apiKey, {
    host: emulator.host,
    port: emulator.port,
    protocol: 'http',
    maxNetworkRetries: 0,
    ...options,
  });
}

export interface EmulatorSpecContext {
  emulator: RunningStripeEmulator;
  control: StripeEmulatorControl;
  stripe: Stripe;
}

/** One emulator for the spec file, its state reset before each test. */
export function useStripeEmulator(): EmulatorSpecContext {
  const context = {} as EmulatorSpecContext;
  beforeAll(async () => {
    context.emulator = await startStripeEmulator();
    context.control = new StripeEmulatorControl(context.emulator.url);
    context.stripe = sdkFor(context.emulator);
  });
  afterAll(() => context.emulator.stop());
  beforeEach(() => context.control.reset());
  return context;
}
