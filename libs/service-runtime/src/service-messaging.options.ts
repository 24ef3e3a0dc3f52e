import type { ServiceConfig } from '@conveyor/config';

export interface ServiceMessagingOptions {
  /** The service's own database schema, which holds its outbox and inbox tables. */
  schema: string;
  sqs: ServiceConfig['sqs'];
  /** Messages each consumer of this process keeps in flight. */
  consumerConcurrency: number;
  outboxPollIntervalMs?: number;
}

export const SERVICE_MESSAGING_OPTIONS = Symbol('SERVICE_MESSAGING_OPTIONS');
