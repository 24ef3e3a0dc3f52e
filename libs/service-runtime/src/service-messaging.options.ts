import type { DependencyTimeouts, Failpoints, ServiceConfig } from '@conveyor/config';
import type { ConveyorApp } from '@conveyor/contracts';
import type { TransactionalMessaging } from '@conveyor/transactional-messaging';

/**
 * The app's own injection token for its outbox and inbox: an abstract subclass of
 * TransactionalMessaging bound to the app's name, so its handlers can emit only what it produces.
 */
export type AppMessagingToken<App extends ConveyorApp> = abstract new (
  ...args: never[]
) => TransactionalMessaging<App>;

export interface ServiceMessagingOptions {
  /** Which app this process is: it decides the queues the process may touch (queueAccessOf). */
  app: ConveyorApp;
  /** The service's own database schema, which holds its outbox and inbox tables. */
  schema: string;
  sqs: ServiceConfig['sqs'];
  /** Messages each consumer of this process keeps in flight. */
  consumerConcurrency: number;
  messaging: AppMessagingToken<ConveyorApp>;
  /** Test-only crash points (CONVEYOR_FAILPOINTS); the outbox relay has one. */
  failpoints?: Failpoints;
  /** SQS_CONNECT_TIMEOUT_MS, SQS_REQUEST_TIMEOUT_MS, SQS_MAX_ATTEMPTS; unset: the client's defaults. */
  timeouts?: DependencyTimeouts['sqs'];
}

export const SERVICE_MESSAGING_OPTIONS = Symbol('SERVICE_MESSAGING_OPTIONS');
