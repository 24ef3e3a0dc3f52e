import { envFields, loadConfig, serviceEnvSchema, toServiceConfig } from '@conveyor/config';

const orderApiEnvSchema = serviceEnvSchema.extend({
  HTTP_PORT: envFields.port(3000),
  HTTP_HOST: envFields.host,
  CONSUMER_CONCURRENCY: envFields.positiveInt(10, 500),
});

export function loadOrderApiConfig() {
  const env = loadConfig(orderApiEnvSchema);
  return {
    ...toServiceConfig(env),
    httpPort: env.HTTP_PORT,
    httpHost: env.HTTP_HOST,
    consumerConcurrency: env.CONSUMER_CONCURRENCY,
  };
}

export type OrderApiConfig = ReturnType<typeof loadOrderApiConfig>;
