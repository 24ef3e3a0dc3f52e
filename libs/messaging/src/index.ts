export * from './sqs/sqs-client.factory';
export {
  POISON_REASON_ATTRIBUTE,
  SOURCE_QUEUE_ATTRIBUTE,
  REDRIVE_TASK_ATTRIBUTE,
  FIRST_FAILED_AT_ATTRIBUTE,
} from './sqs/message-attributes';
export * from './topology/queue-topology';
export * from './topology/queue-attributes';
export * from './topology/queue-directory';
export * from './topology/queue-provisioner';
export * from './publishing/sqs-publisher';
export * from './consuming/consumer.errors';
export * from './consuming/sealed-field.reader';
export * from './consuming/consumer.types';
export * from './consuming/sqs-consumer';
export { receiveErrorDelayMs } from './consuming/retry-backoff';
export * from './consuming/dependency-gate';
export * from './redrive/dead-letter-redrive';
export * from './topology/queue-depth';
export * from './consuming/queue-dispatch';
export * from './topology/message-flows';
export * from './topology/queue-access';
export * from './topology/app-queue-directory';
export * from './dead-letters/dead-letter-peek';
export * from './dead-letters/dead-letter-removal';
export { maskPersonalData } from './dead-letters/personal-data.mask';
export * from './dead-letters/redrive-limits';
