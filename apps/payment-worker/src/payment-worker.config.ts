import { z } from 'zod';
import {
  emulatorWarning,
  envFields,
  loadConfig,
  personalDataKeyFields,
  personalDataKeyring,
  serviceEnvSchemaWith,
  toServiceConfig,
} from '@conveyor/config';

const paymentWorkerEnvSchema = serviceEnvSchemaWith({
  HTTP_PORT: envFields.port(3001),
  CONSUMER_CONCURRENCY: envFields.positiveInt(10, 500),
  STRIPE_SECRET_KEY: z
    .string({ message: 'set STRIPE_SECRET_KEY to a Stripe secret key (sk_test_… for test mode)' })
    .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/, 'STRIPE_SECRET_KEY must look like sk_test_…'),
  /** Points the official SDK at the local Stripe emulator; unset for api.stripe.com. */
  STRIPE_API_BASE_URL: envFields.url.optional(),
  // Reads the payment method only; the shipping address passes through sealed.
  ...personalDataKeyFields('payment'),
});

export function loadPaymentWorkerConfig() {
  const env = loadConfig(paymentWorkerEnvSchema);
  const service = toServiceConfig(env);
  const stripeWarning = emulatorWarning(
    env.NODE_ENV,
    'STRIPE_API_BASE_URL',
    env.STRIPE_API_BASE_URL,
    'api.stripe.com',
  );
  return {
    ...service,
    warnings: stripeWarning ? [...service.warnings, stripeWarning] : service.warnings,
    httpPort: env.HTTP_PORT,
    consumerConcurrency: env.CONSUMER_CONCURRENCY,
    stripe: { secretKey: env.STRIPE_SECRET_KEY, apiBaseUrl: env.STRIPE_API_BASE_URL },
    personalData: { payment: personalDataKeyring(env, 'payment') },
  };
}

export type PaymentWorkerConfig = ReturnType<typeof loadPaymentWorkerConfig>;
