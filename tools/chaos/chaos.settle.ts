import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Pool } from 'pg';
import { QUEUE_NAMES } from '@conveyor/contracts';
import { readQueueDepth, redriveDeadLetters, type QueueDirectory } from '@conveyor/messaging';

export const TERMINAL_STATUSES = ['SHIPPED', 'PAYMENT_FAILED', 'OUT_OF_STOCK', 'CANCELLED'];
const OUTBOXES = ['orders', 'payments', 'inventory', 'shipping'];
const MAX_REDRIVE_ROUNDS = 5;

export interface SettleState {
  byStatus: Record<string, number>;
  notTerminal: number;
  outboxRows: number;
  /** Visible, in flight and delayed messages over every work queue. */
  queued: number;
  deadLettered: number;
}

export interface SettleOutcome {
  settled: boolean;
  /** From the end of the load (faults off) to the settled state; null when never settled. */
  seconds: number | null;
  final: SettleState;
  /** Messages found in the DLQs, summed over the redrive rounds, and those moved back. */
  deadLettered: number;
  redriven: number;
  redriveRounds: number;
}

export interface SettleOptions {
  sql: Pool;
  sqs: SQSClient;
  directory: QueueDirectory;
  orderIds: string[];
  timeoutSeconds: number;
  log: (line: string) => void;
}

/** Reads where the run's orders, outboxes and queues stand, straight from PostgreSQL and SQS. */
export async function readSettleState(options: SettleOptions): Promise<SettleState> {
  const { rows } = await options.sql.query<{ status: string; count: string }>(
    `SELECT status, count(*) AS count FROM orders.orders WHERE id = ANY($1::uuid[]) GROUP BY status`,
    [options.orderIds],
  );
  const byStatus = Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
  const terminal = TERMINAL_STATUSES.reduce((sum, status) => sum + (byStatus[status] ?? 0), 0);
  let outboxRows = 0;
  for (const schema of OUTBOXES) {
    const result = await options.sql.query<{ n: string }>(
      `SELECT count(*) AS n FROM "${schema}".outbox`,
    );
    outboxRows += Number(result.rows[0].n);
  }
  let queued = 0;
  let deadLettered = 0;
  for (const queue of QUEUE_NAMES) {
    const work = await readQueueDepth(options.sqs, options.directory[queue].workUrl);
    const dlq = await readQueueDepth(options.sqs, options.directory[queue].dlqUrl);
    queued += work.visible + work.inFlight + work.delayed;
    deadLettered += dlq.visible + dlq.inFlight;
  }
  return {
    byStatus,
    notTerminal: options.orderIds.length - terminal,
    outboxRows,
    queued,
    deadLettered,
  };
}

/**
 * Waits until every accepted order is terminal, every outbox is empty and every work queue is
 * drained. When the pipeline is idle but messages wait in a DLQ (retries a fault exhausted), it
 * redrives them once the queues are empty, as an operator would, and counts them.
 */
export async function waitForSettle(options: SettleOptions): Promise<SettleOutcome> {
  const started = performance.now();
  const deadline = started + options.timeoutSeconds * 1000;
  let deadLettered = 0;
  let redriven = 0;
  let redriveRounds = 0;
  let state = await readSettleState(options);
  while (performance.now() < deadline) {
    const idle = state.outboxRows === 0 && state.queued === 0;
    // Letters that failed again after every redrive round stay in the DLQ: I1 accounts for them.
    const lettersDone = state.deadLettered === 0 || redriveRounds >= MAX_REDRIVE_ROUNDS;
    if (idle && state.notTerminal === 0 && lettersDone) {
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      return { settled: true, seconds, final: state, deadLettered, redriven, redriveRounds };
    }
    if (idle && state.deadLettered > 0 && redriveRounds < MAX_REDRIVE_ROUNDS) {
      redriveRounds++;
      deadLettered += state.deadLettered;
      redriven += await redriveAll(options);
      options.log(`settle: redrove ${redriven} dead-lettered message(s) (round ${redriveRounds})`);
    }
    await delay(1_000);
    state = await readSettleState(options).catch(() => state);
  }
  return { settled: false, seconds: null, final: state, deadLettered, redriven, redriveRounds };
}

async function redriveAll(options: SettleOptions): Promise<number> {
  let moved = 0;
  for (const queue of QUEUE_NAMES) {
    const dlq = await readQueueDepth(options.sqs, options.directory[queue].dlqUrl);
    if (dlq.visible === 0) continue;
    const result = await redriveDeadLetters({
      sqs: options.sqs,
      directory: options.directory,
      queue,
      maxPerSecond: 100,
      useMoveTask: false,
    });
    moved += result.moved;
  }
  return moved;
}
