import { envFields, loadConfig, serviceEnvSchemaWith, toServiceConfig } from '@conveyor/config';

const inventoryWorkerEnvSchema = serviceEnvSchemaWith({
  HTTP_PORT: envFields.port(3002),
  CONSUMER_CONCURRENCY: envFields.positiveInt(10, 500),
});

export function loadInventoryWorkerConfig() {
  const env = loadConfig(inventoryWorkerEnvSchema);
  return {
    ...toServiceConfig(env),
    httpPort: env.HTTP_PORT,
    consumerConcurrency: env.CONSUMER_CONCURRENCY,
  };
}

export type InventoryWorkerConfig = ReturnType<typeof loadInventoryWorkerConfig>;
