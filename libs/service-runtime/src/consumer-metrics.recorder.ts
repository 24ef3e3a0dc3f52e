import { Injectable } from '@nestjs/common';
import type { Counter, Gauge, Histogram } from 'prom-client';
import type { QueueName } from '@conveyor/contracts';
import type { ConsumeOutcome, ConsumerMetrics } from '@conveyor/messaging';
import { MetricsService } from '@conveyor/observability';

/** Consumer outcomes as Prometheus series: what was handled, how it ended and how long it took. */
@Injectable()
export class ConsumerMetricsRecorder implements ConsumerMetrics {
  private readonly handled: Histogram<'queue' | 'outcome'>;
  private readonly inFlight: Gauge<'queue'>;
  private readonly receiveErrors: Counter<'queue'>;

  constructor(metrics: MetricsService) {
    this.handled = metrics.histogram({
      name: 'conveyor_messages_handled_seconds',
      help: 'Time to handle one message, by queue and outcome (success, transient, poison)',
      labelNames: ['queue', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    });
    this.inFlight = metrics.gauge({
      name: 'conveyor_messages_in_flight',
      help: 'Messages received and not yet settled',
      labelNames: ['queue'],
    });
    this.receiveErrors = metrics.counter({
      name: 'conveyor_receive_errors_total',
      help: 'Failed ReceiveMessage calls',
      labelNames: ['queue'],
    });
  }

  onOutcome(queue: QueueName, outcome: ConsumeOutcome, durationSeconds: number): void {
    this.handled.observe({ queue, outcome }, durationSeconds);
  }

  onInFlight(queue: QueueName, inFlight: number): void {
    this.inFlight.set({ queue }, inFlight);
  }

  onReceiveError(queue: QueueName): void {
    this.receiveErrors.inc({ queue });
  }
}
