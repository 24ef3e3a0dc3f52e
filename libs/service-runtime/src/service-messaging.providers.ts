import type { Provider } from '@nestjs/common';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import {
  SqsPublisher,
  createSqsClient,
  queueAccessOf,
  queueConsumedBy,
  resolveAppQueueDirectory,
  resolveQueueTopology,
  type QueueDirectory,
  type QueueTopology,
} from '@conveyor/messaging';
import { OutboxRelay, TransactionalMessaging } from '@conveyor/transactional-messaging';
import { MetricsService, ReadinessRegistry } from '@conveyor/observability';
import { inboxObserver, registerOutboxGauges } from './transactional-messaging.metrics';
import { databaseReadinessCheck } from '@conveyor/persistence';
import type { ServiceMessagingOptions } from './service-messaging.options';
import { QUEUE_DIRECTORY, QUEUE_TOPOLOGY } from './service-messaging.tokens';
import { resolveDirectoryWithRetry } from './resolve-directory-with-retry';

export const READINESS_REGISTRATION = Symbol('READINESS_REGISTRATION');

export function sqsProviders(options: ServiceMessagingOptions): Provider[] {
  return [
    {
      provide: SQSClient,
      useFactory: () =>
        createSqsClient({
          region: options.sqs.region,
          endpoint: options.sqs.endpoint,
          credentials: options.sqs.credentials,
          // Long polls and handler calls of every consumer, plus the relay's batches.
          maxSockets: options.consumerConcurrency * 4 + 50,
          connectionTimeoutMs: options.timeouts?.connectMs,
          requestTimeoutMs: options.timeouts?.requestMs,
          maxAttempts: options.timeouts?.maxAttempts,
        }),
    },
    {
      provide: QUEUE_TOPOLOGY,
      useValue: resolveQueueTopology({
        prefix: options.sqs.queuePrefix,
        mode: options.sqs.mode,
        maxReceiveCount: options.sqs.maxReceiveCount,
        visibilityTimeoutSeconds: options.sqs.visibilityTimeoutSeconds,
      }),
    },
    {
      provide: QUEUE_DIRECTORY,
      inject: [SQSClient, QUEUE_TOPOLOGY, PinoLogger],
      useFactory: (sqs: SQSClient, topology: QueueTopology, logger: PinoLogger) =>
        resolveDirectoryWithRetry(
          () => resolveAppQueueDirectory(sqs, topology, queueAccessOf(options.app)),
          logger,
        ),
    },
    {
      provide: SqsPublisher,
      inject: [SQSClient, QUEUE_DIRECTORY],
      useFactory: (sqs: SQSClient, directory: QueueDirectory) =>
        new SqsPublisher({ sqs, directory, mode: options.sqs.mode }),
    },
  ];
}

export function transactionalProviders(options: ServiceMessagingOptions): Provider[] {
  return [
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
          lingerMs: options.sqs.linger.outboxMs,
          afterSend: (sent) => {
            for (const envelope of sent) {
              options.failpoints?.hit(
                'outbox-relay:after-send-before-delete',
                envelope.correlationId,
              );
            }
          },
        });
        registerOutboxGauges(relay, metrics, logger);
        return relay;
      },
    },
    {
      provide: TransactionalMessaging,
      inject: [DataSource, OutboxRelay, MetricsService],
      useFactory: (dataSource: DataSource, relay: OutboxRelay, metrics: MetricsService) =>
        new TransactionalMessaging(dataSource, options.schema, relay, inboxObserver(metrics)),
    },
    { provide: options.messaging, useExisting: TransactionalMessaging },
  ];
}

/**
 * /health/ready of every app answers for its database and for SQS, asked about the queue the app
 * consumes (an action its least-privilege permissions include; ListQueues would need them all).
 */
export function readinessProvider(options: ServiceMessagingOptions): Provider {
  return {
    provide: READINESS_REGISTRATION,
    inject: [ReadinessRegistry, DataSource, SQSClient, QUEUE_DIRECTORY],
    useFactory: (
      readiness: ReadinessRegistry,
      dataSource: DataSource,
      sqs: SQSClient,
      directory: QueueDirectory,
    ) => {
      readiness.register('database', databaseReadinessCheck(dataSource));
      const queueUrl = directory[queueConsumedBy(options.app)].workUrl;
      readiness.register('sqs', async () => {
        await sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
        );
      });
      return true;
    },
  };
}
