import { envFields } from './env-fields';
import { DEVELOPMENT_QUEUE_PREFIX, serviceEnvSchema } from './service-config.schema';

/** `npm run queues:provision` needs only the SQS side of a service's configuration. */
export const queueProvisioningEnvSchema = serviceEnvSchema
  .pick({
    AWS_REGION: true,
    SQS_ENDPOINT: true,
    SQS_QUEUE_PREFIX: true,
    QUEUE_MODE: true,
    SQS_MAX_RECEIVE_COUNT: true,
    SQS_VISIBILITY_TIMEOUT_SECONDS: true,
    AWS_ACCESS_KEY_ID: true,
  })
  .extend({
    SQS_ENDPOINT: envFields.url.optional(),
    SQS_QUEUE_PREFIX: envFields.queuePrefix.default(DEVELOPMENT_QUEUE_PREFIX),
  });
