import { Injectable } from '@nestjs/common';
import type { QueueName } from '@conveyor/contracts';
import type { ConsumerMetrics, HandledMessage, ReceivedMessage } from '@conveyor/messaging';
import { METRICS, MetricsService } from '@conveyor/observability';

/**
 * Consumer events as Prometheus series: how long messages waited and how often they came back,
 * what was handled, how it ended and how long it took.
 */
@Injectable()
export class ConsumerMetricsRecorder implements ConsumerMetrics {
  private readonly handled;
  private readonly inFlight;
  private readonly receiveErrors;
  private readonly wait;
  private readonly receiveCount;

  constructor(metrics: MetricsService) {
    this.handled = metrics.histogram(METRICS.messagesHandled);
    this.inFlight = metrics.gauge(METRICS.messagesInFlight);
    this.receiveErrors = metrics.counter(METRICS.receiveErrors);
    this.wait = metrics.histogram(METRICS.messageWait);
    this.receiveCount = metrics.histogram(METRICS.messageReceiveCount);
  }

  onReceived({ queue, waitSeconds, receiveCount }: ReceivedMessage): void {
    if (waitSeconds !== null) this.wait.observe({ queue }, waitSeconds);
    this.receiveCount.observe({ queue }, receiveCount);
  }

  onOutcome({ queue, type, outcome, durationSeconds }: HandledMessage): void {
    this.handled.observe({ queue, type, outcome }, durationSeconds);
  }

  onInFlight(queue: QueueName, inFlight: number): void {
    this.inFlight.set({ queue }, inFlight);
  }

  onReceiveError(queue: QueueName): void {
    this.receiveErrors.inc({ queue });
  }
}
