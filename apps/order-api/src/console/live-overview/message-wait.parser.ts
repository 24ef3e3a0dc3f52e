import { QUEUE_NAMES, type QueueName } from '@conveyor/contracts';
import type { WaitTotals } from './overview.snapshot';

const WAIT_METRIC = 'conveyor_message_wait_seconds';
const LINE = new RegExp(`^${WAIT_METRIC}_(sum|count)\\{([^}]*)\\}\\s+(\\S+)`);

/**
 * Reads the message-wait histogram's running totals per queue from a Prometheus text exposition
 * (a consumer's /metrics). Totals of several series of one queue (replicas) add up.
 */
export function parseMessageWaits(exposition: string): Partial<Record<QueueName, WaitTotals>> {
  const waits: Partial<Record<QueueName, WaitTotals>> = {};
  for (const line of exposition.split('\n')) {
    const match = LINE.exec(line);
    if (!match) continue;
    const queue = /(?:^|,)queue="([^"]*)"/.exec(match[2])?.[1];
    const value = Number(match[3]);
    if (!isQueueName(queue) || !Number.isFinite(value)) continue;
    const totals = (waits[queue] ??= { sum: 0, count: 0 });
    totals[match[1] as 'sum' | 'count'] += value;
  }
  return waits;
}

function isQueueName(value: string | undefined): value is QueueName {
  return (QUEUE_NAMES as readonly string[]).includes(value ?? '');
}
