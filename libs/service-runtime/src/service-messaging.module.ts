import { Module, type DynamicModule } from '@nestjs/common';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import {
  SqsPublisher,
  createSqsClient,
  resolveQueueDirectory,
  resolveQueueTopology,
  type QueueDirectory,
  type QueueTopology,
} from '@conveyor/messaging';
import { OutboxRelay } from '@conveyor/outbox';
import { TransactionalMessaging } from '@conveyor/inbox';
import { MetricsService, ReadinessRegistry } from '@conveyor/observability';
import { databaseReadinessCheck } from '@conveyor/persistence';
import { SERVICE_MESSAGING_OPTIONS, type ServiceMessagingOptions } from './service-messaging.options';
import { QUEUE_DIRECTORY, QUEUE_TOPOLOGY } from './service-messaging.tokens';
import { QueueConsumersHost } from './queue-consumers.host';
import { ConsumerMetricsRecorder } from './consumer-metrics.recorder';
import { resolveDirectoryWithRetry } from './resolve-directory-with-retry';

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
        {
          provide: SQSClient,
          useFactory: () =>
            createSqsClient({
              region: options.sqs.region,
              endpoint: options.sqs.endpoint,
              credentials: options.sqs.credentials,
              maxSockets: options.consumerConcurrency * 4 + 50,
            }),
        },
        {
          provide: QUEUE_TOPOLOGY,
          useValue: resolveQueueTopology({
            prefix: options.sqs.queuePrefix,
            mode: options.sqs.mode,
            maxReceiveCount: options.sqs.maxReceiveCount,
          }),
        },
        {
          provide: QUEUE_DIRECTORY,
          inject: [SQSClient, QUEUE_TOPOLOGY, PinoLogger],
          useFactory: (sqs: SQSClient, topology: QueueTopology, logger: PinoLogger) =>
            resolveDirectoryWithRetry(() => resolveQueueDirectory(sqs, topology), logger),
        },
        {
          provide: SqsPublisher,
          inject: [SQSClient, QUEUE_DIRECTORY],
          useFactory: (sqs: SQSClient, directory: QueueDirectory) =>
            new SqsPublisher({ sqs, directory, mode: options.sqs.mode }),
        },
        {
          provide: OutboxRelay,
          inject: [DataSource, SqsPublisher, PinoLogger, MetricsService],
          useFactory: (
            dataSource: DataSource,
            publisher: SqsPublisher,
            logger: PinoLogger,
            metrics: MetricsService,
          ) => {
            const relay = new OutboxRelay({
              dataSource,
              schema: options.schema,
              publisher,
              logger,
              pollIntervalMs: options.outboxPollIntervalMs,
            });
            metrics.gauge({
              name: 'conveyor_outbox_backlog',
              help: 'Outgoing messages committed but not yet accepted by SQS',
              async collect() {
                this.set(await relay.backlog());
              },
            });
            return relay;
          },
        },
        {
          provide: TransactionalMessaging,
          inject: [DataSource, OutboxRelay],
          useFactory: (dataSource: DataSource, relay: OutboxRelay) =>
            new TransactionalMessaging(dataSource, options.schema, relay),
        },
        ConsumerMetricsRecorder,
        QueueConsumersHost,
        {
          provide: 'SERVICE_MESSAGING_READINESS',
          inject: [ReadinessRegistry, DataSource, SQSClient],
          useFactory: (readiness: ReadinessRegistry, dataSource: DataSource, sqs: SQSClient) => {
            readiness.register('database', databaseReadinessCheck(dataSource));
            readiness.register('sqs', async () => {
              await sqs.send(new ListQueuesCommand({ QueueNamePrefix: options.sqs.queuePrefix, MaxResults: 1 }));
            });
            return true;
          },
        },
      ],
      exports: [SQSClient, QUEUE_TOPOLOGY, QUEUE_DIRECTORY, SqsPublisher, OutboxRelay, TransactionalMessaging, QueueConsumersHost],
    };
  }
}
