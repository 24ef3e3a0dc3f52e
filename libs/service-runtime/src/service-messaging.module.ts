import { Module, type DynamicModule } from '@nestjs/common';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsPublisher } from '@conveyor/messaging';
import { OutboxRelay, TransactionalMessaging } from '@conveyor/transactional-messaging';
import {
  SERVICE_MESSAGING_OPTIONS,
  type ServiceMessagingOptions,
} from './service-messaging.options';
import { QUEUE_DIRECTORY, QUEUE_TOPOLOGY } from './service-messaging.tokens';
import { QueueConsumersHost } from './queue-consumers.host';
import { ConsumerMetricsRecorder } from './consumer-metrics.recorder';
import {
  readinessProvider,
  sqsProviders,
  transactionalProviders,
} from './service-messaging.providers';

/**
 * Everything a service needs to take part in the pipeline: its SQS client and queues, the
 * transactional outbox and inbox in its own schema, its consumers, and their probes and metrics.
 * Expects TypeOrmModule and ObservabilityModule to be imported by the app.
 */
@Module({})
export class ServiceMessagingModule {
  static forRoot(options: ServiceMessagingOptions): DynamicModule {
    return {
      module: ServiceMessagingModule,
      global: true,
      providers: [
        { provide: SERVICE_MESSAGING_OPTIONS, useValue: options },
        ...sqsProviders(options),
        ...transactionalProviders(options),
        readinessProvider(options),
        ConsumerMetricsRecorder,
        QueueConsumersHost,
      ],
      exports: [
        SQSClient,
        QUEUE_TOPOLOGY,
        QUEUE_DIRECTORY,
        SqsPublisher,
        OutboxRelay,
        TransactionalMessaging,
        options.messaging,
        QueueConsumersHost,
      ],
    };
  }
}
