import type { DataSource } from 'typeorm';
import type { OrderStatus } from '../../orders/domain/order-status';
import { parseQueueMetrics, type QueueMetrics } from './queue-metrics.parser';
import type { RawSample } from './overview.snapshot';

const METRICS_TIMEOUT_MS = 1500;

/** Orders per status, counted in the order API's own table. */
export async function readOrdersByStatus(
  dataSource: DataSource,
): Promise<RawSample['ordersByStatus']> {
  const rows = await dataSource.query<{ status: OrderStatus; count: string }[]>(
    `SELECT status, count(*) AS count FROM orders.orders GROUP BY status`,
  );
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}

/** The order API's own outbox (the workers' outboxes live in their schemas, not read here). */
export async function readOutbox(dataSource: DataSource): Promise<RawSample['outbox']> {
  const [row] = await dataSource.query<{ rows: string; age: string | null }[]>(
    `SELECT count(*) AS rows, extract(epoch FROM now() - min(created_at)) AS age
     FROM orders.outbox`,
  );
  return { rows: Number(row.rows), oldestAgeSeconds: Math.max(0, Number(row.age ?? 0)) };
}

/**
 * Queue depths and message wait from each queue's consumer, which samples its queue and DLQ with
 * GetQueueAttributes and times every message it receives: this process's own registry (it
 * consumes order-events) and the workers' /metrics (CONSOLE_METRICS_URLS). A worker that does not
 * answer is reported and its queue's figures are missing; the others still show.
 */
export async function readQueueMetrics(
  ownExposition: () => Promise<string>,
  metricsUrls: readonly string[],
  errors: string[],
): Promise<QueueMetrics> {
  const expositions = await Promise.all([
    ownExposition(),
    ...metricsUrls.map((url) =>
      fetch(url, { signal: AbortSignal.timeout(METRICS_TIMEOUT_MS) })
        .then((response) => {
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          return response.text();
        })
        .catch((error: unknown) => {
          errors.push(`queue metrics from ${url}: ${(error as Error).message}`);
          return '';
        }),
    ),
  ]);
  return parseQueueMetrics(expositions.join('\n'));
}
