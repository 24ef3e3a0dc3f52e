import { QUEUE_NAMES, type QueueName } from '@conveyor/contracts';
import type { QueueCounts, WaitTotals } from './overview.snapshot';

/** What the consumers' /metrics say about their queues (metric catalog in libs/observability). */
export interface QueueMetrics {
  waits: Partial<Record<QueueName, WaitTotals>>;
  counts: Partial<Record<QueueName, QueueCounts>>;
}

const SAMPLE = /^([a-z_]+)\{([^}]*)\}\s+(\S+)/;
const STATES: Record<string, keyof QueueCounts> = {
  visible: 'visible',
  in_flight: 'inFlight',
  delayed: 'delayed',
};

/**
 * Reads a Prometheus text exposition (several joined are fine): the message-wait histogram's
 * running totals per queue, summed over series (replicas), and the depth gauges each consumer
 * samples of its queue and DLQ, where replicas report the same figure (the last one wins).
 */
export function parseQueueMetrics(exposition: string): QueueMetrics {
  const metrics: QueueMetrics = { waits: {}, counts: {} };
  for (const line of exposition.split('\n')) {
    const match = SAMPLE.exec(line);
    if (!match) continue;
    const [, name, labels, raw] = match;
    const queue = label(labels, 'queue');
    const value = Number(raw);
    if (!isQueueName(queue) || !Number.isFinite(value)) continue;
    if (
      name === 'conveyor_message_wait_seconds_sum' ||
      name === 'conveyor_message_wait_seconds_count'
    ) {
      const totals = (metrics.waits[queue] ??= { sum: 0, count: 0 });
      totals[name.endsWith('_sum') ? 'sum' : 'count'] += value;
    } else if (name === 'conveyor_queue_messages') {
      const state = STATES[label(labels, 'state') ?? ''];
      if (state) countsOf(metrics, queue)[state] = value;
    } else if (name === 'conveyor_dlq_messages') {
      countsOf(metrics, queue).dlq = value;
    }
  }
  return metrics;
}

function countsOf(metrics: QueueMetrics, queue: QueueName): QueueCounts {
  return (metrics.counts[queue] ??= { visible: 0, inFlight: 0, delayed: 0, dlq: 0 });
}

function label(labels: string, name: string): string | undefined {
  return new RegExp(`(?:^|,)${name}="([^"]*)"`).exec(labels)?.[1];
}

function isQueueName(value: string | undefined): value is QueueName {
  return (QUEUE_NAMES as readonly string[]).includes(value ?? '');
}
