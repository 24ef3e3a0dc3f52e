import { MESSAGE_CATALOG, type MessageType } from '@conveyor/contracts';
import { METRICS, type MetricsService } from '@conveyor/observability';
import type { InboxObserver, OutboxRelay } from '@conveyor/transactional-messaging';

/**
 * The outbox's backlog and the age of its oldest row, read at each scrape. A failed read is
 * counted and logged and keeps the last values: a database outage must not fail /metrics, which
 * is what shows the outage.
 */
export function registerOutboxGauges(
  relay: OutboxRelay,
  metrics: MetricsService,
  logger: { warn(obj: object, msg: string): void },
): void {
  const errors = metrics.counter(METRICS.sampleErrors);
  // A scrape collects both gauges at once: they share one query.
  let reading: Promise<{ rows: number; oldestAgeSeconds: number } | null> | undefined;
  const read = () =>
    (reading ??= relay
      .backlogStats()
      .catch((err: unknown) => {
        errors.inc({ sampler: 'outbox' });
        logger.warn({ err }, 'could not read the outbox backlog for /metrics');
        return null;
      })
      .finally(() => (reading = undefined)));
  metrics.gauge(METRICS.outboxBacklog, async (gauge) => {
    const stats = await read();
    if (stats) gauge.set(stats.rows);
  });
  metrics.gauge(METRICS.outboxOldestAge, async (gauge) => {
    const stats = await read();
    if (stats) gauge.set(stats.oldestAgeSeconds);
  });
}

/** Counts the deliveries the inbox skipped, by the queue their type travels on. */
export function inboxObserver(metrics: MetricsService): InboxObserver {
  const duplicates = metrics.counter(METRICS.messagesDuplicate);
  return {
    onDuplicate({ type }) {
      if (!Object.hasOwn(MESSAGE_CATALOG, type)) return;
      duplicates.inc({ queue: MESSAGE_CATALOG[type as MessageType].queue, type });
    },
  };
}
