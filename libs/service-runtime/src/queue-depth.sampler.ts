import type { SQSClient } from '@aws-sdk/client-sqs';
import type { QueueName } from '@conveyor/contracts';
import { readQueueDepth } from '@conveyor/messaging';
import { METRICS, type MetricsService } from '@conveyor/observability';

export interface QueueDepthSamplerOptions {
  sqs: SQSClient;
  queue: QueueName;
  workUrl: string;
  dlqUrl: string;
  intervalSeconds: number;
  metrics: MetricsService;
  logger: { warn(obj: object, msg: string): void };
}

/**
 * Reads a queue's and its DLQ's depths every few seconds into gauges. It runs in the queue's
 * consumer, so one process kind answers for each queue (its replicas report the same numbers:
 * dashboards take the max). A failed read keeps the last values, is counted and logged, and never
 * stops the sampler or the app.
 */
export class QueueDepthSampler {
  private readonly queueMessages;
  private readonly dlqMessages;
  private readonly errors;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly options: QueueDepthSamplerOptions) {
    this.queueMessages = options.metrics.gauge(METRICS.queueMessages);
    this.dlqMessages = options.metrics.gauge(METRICS.dlqMessages);
    this.errors = options.metrics.counter(METRICS.sampleErrors);
  }

  start(): void {
    if (this.timer) return;
    this.tick();
    this.timer = setInterval(() => this.tick(), this.options.intervalSeconds * 1000);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One sample; resolves whether or not SQS answered. */
  async sampleOnce(): Promise<void> {
    const { sqs, queue, workUrl, dlqUrl } = this.options;
    try {
      const [work, dlq] = await Promise.all([
        readQueueDepth(sqs, workUrl),
        readQueueDepth(sqs, dlqUrl),
      ]);
      this.queueMessages.set({ queue, state: 'visible' }, work.visible);
      this.queueMessages.set({ queue, state: 'in_flight' }, work.inFlight);
      this.queueMessages.set({ queue, state: 'delayed' }, work.delayed);
      // A DLQ message someone is inspecting is in flight; it is still dead-lettered.
      this.dlqMessages.set({ queue }, dlq.visible + dlq.inFlight + dlq.delayed);
    } catch (err) {
      this.errors.inc({ sampler: 'queue-depth' });
      this.options.logger.warn({ err, queue }, 'could not sample queue depths for /metrics');
    }
  }

  private tick(): void {
    this.running ??= this.sampleOnce().finally(() => (this.running = undefined));
  }
}
