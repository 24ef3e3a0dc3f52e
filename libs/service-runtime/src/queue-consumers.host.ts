import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SQSClient } from '@aws-sdk/client-sqs';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import type { QueueName } from '@conveyor/contracts';
import {
  SqsConsumer,
  dispatchTo,
  findQueuePair,
  type QueueHandlers,
  type QueueDirectory,
  type QueueTopology,
} from '@conveyor/messaging';
import { OutboxRelay } from '@conveyor/transactional-messaging';
import { databaseReadinessCheck, isDatabaseUnavailable } from '@conveyor/persistence';
import { MetricsService, ReadinessRegistry } from '@conveyor/observability';
import { QUEUE_DIRECTORY, QUEUE_TOPOLOGY } from './service-messaging.tokens';
import {
  SERVICE_MESSAGING_OPTIONS,
  type ServiceMessagingOptions,
} from './service-messaging.options';
import { ConsumerMetricsRecorder } from './consumer-metrics.recorder';
import { QueueDepthSampler } from './queue-depth.sampler';

/**
 * Runs this process's queue consumers and its outbox relay, and stops them in the order that
 * loses nothing on SIGTERM: consumers finish and commit what they hold, then the relay sends
 * what those commits staged, then the process may exit.
 */
@Injectable()
export class QueueConsumersHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly consumers: SqsConsumer[] = [];
  private readonly samplers: QueueDepthSampler[] = [];

  constructor(
    @Inject(SERVICE_MESSAGING_OPTIONS) private readonly options: ServiceMessagingOptions,
    @Inject(QUEUE_TOPOLOGY) private readonly topology: QueueTopology,
    @Inject(QUEUE_DIRECTORY) private readonly directory: QueueDirectory,
    private readonly sqs: SQSClient,
    private readonly relay: OutboxRelay,
    private readonly logger: PinoLogger,
    private readonly metrics: ConsumerMetricsRecorder,
    private readonly readiness: ReadinessRegistry,
    private readonly registry: MetricsService,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Called by an app's queue consumer (onModuleInit) with one handler for each message type on
   * the queue: `consume('inventory', { 'inventory.reservation-requested': reserveStock, … })`.
   */
  consume<Q extends QueueName>(queue: Q, handlers: QueueHandlers<Q>): void {
    const pair = findQueuePair(this.topology, queue);
    const consumer = new SqsConsumer({
      sqs: this.sqs,
      queue,
      queueUrl: this.directory[queue].workUrl,
      dlqUrl: this.directory[queue].dlqUrl,
      mode: this.topology.mode,
      concurrency: this.options.consumerConcurrency,
      visibilityTimeoutSeconds: pair.work.visibilityTimeoutSeconds,
      maxReceiveCount: pair.maxReceiveCount,
      backoff: this.options.sqs.backoff,
      batchLingerMs: this.options.sqs.linger.consumerBatchMs,
      receiveTimeoutMarginMs: this.options.timeouts?.requestMs,
      prefetch: this.options.sqs.consumerPrefetch,
      dispatch: dispatchTo(queue, handlers),
      logger: this.logger,
      metrics: this.metrics,
      // Every handler needs the database: while it is down, receiving would only spend receives.
      dependency: {
        isDown: isDatabaseUnavailable,
        probe: databaseReadinessCheck(this.dataSource),
      },
    });
    this.consumers.push(consumer);
    this.samplers.push(
      new QueueDepthSampler({
        sqs: this.sqs,
        queue,
        workUrl: this.directory[queue].workUrl,
        dlqUrl: this.directory[queue].dlqUrl,
        intervalSeconds: this.options.sqs.metricsIntervalSeconds,
        metrics: this.registry,
        logger: this.logger,
      }),
    );
    this.readiness.register(`consumer:${queue}`, () => {
      const health = consumer.health();
      if (health.consecutiveReceiveErrors > 3) {
        return Promise.reject(
          new Error(`${queue}: ${health.consecutiveReceiveErrors} failed polls`),
        );
      }
      return Promise.resolve();
    });
  }

  onApplicationBootstrap(): void {
    this.relay.start();
    for (const consumer of this.consumers) consumer.start();
    for (const sampler of this.samplers) sampler.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.samplers.map((sampler) => sampler.stop()));
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
    await this.relay.stop();
  }
}
