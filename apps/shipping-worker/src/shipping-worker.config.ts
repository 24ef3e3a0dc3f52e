import {
  envFields,
  loadConfig,
  personalDataKeyFields,
  personalDataKeyring,
  serviceEnvSchemaWith,
  toServiceConfig,
} from '@conveyor/config';

const shippingWorkerEnvSchema = serviceEnvSchemaWith({
  HTTP_PORT: envFields.port(3003),
  CONSUMER_CONCURRENCY: envFields.positiveInt(10, 500),
  // Reads the shipping address, and no other personal data.
  ...personalDataKeyFields('shipping'),
});

export function loadShippingWorkerConfig() {
  const env = loadConfig(shippingWorkerEnvSchema);
  return {
    ...toServiceConfig(env),
    httpPort: env.HTTP_PORT,
    consumerConcurrency: env.CONSUMER_CONCURRENCY,
    personalData: { shipping: personalDataKeyring(env, 'shipping') },
  };
}

export type ShippingWorkerConfig = ReturnType<typeof loadShippingWorkerConfig>;
