import { envFields, loadConfig, serviceEnvSchemaWith, toServiceConfig } from '@conveyor/config';

const shippingWorkerEnvSchema = serviceEnvSchemaWith({
  HTTP_PORT: envFields.port(3003),
  CONSUMER_CONCURRENCY: envFields.positiveInt(10, 500),
});

export function loadShippingWorkerConfig() {
  const env = loadConfig(shippingWorkerEnvSchema);
  return {
    ...toServiceConfig(env),
    httpPort: env.HTTP_PORT,
    consumerConcurrency: env.CONSUMER_CONCURRENCY,
  };
}

export type ShippingWorkerConfig = ReturnType<typeof loadShippingWorkerConfig>;
