import { randomUUID } from 'node:crypto';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { QueueName } from '@conveyor/contracts';
import type { QueueDirectory } from '../topology/queue-directory';
import { type CopyLoopCounts, runCopyLoop } from './copy-loop-redrive';
import { runMoveTask } from './move-task-redrive';

export interface RedriveOptions {
  sqs: SQSClient;
  directory: QueueDirectory;
  queue: QueueName;
  maxPerSecond: number;
  /** Caps how many messages move. A move task cannot be capped, so this forces the copy loop. */
  maxMessages?: number;
  /** How often to check a running move task. */
  pollIntervalMs?: number;
  /**
   * False forces the copy loop (apps hold no queue ARNs, and the loop reports progress and what
   * came back); true by default for the operator's CLI on real SQS.
   */
  useMoveTask?: boolean;
  /** Marks the moved messages (copy loop); a fresh id when not given. */
  taskId?: string;
  /** Called after every batch the copy loop moves. */
  onProgress?: (counts: CopyLoopCounts) => void;
}

export interface RedriveResult {
  method: 'move-task' | 'copy-loop';
  moved: number;
  /**
   * Moved by this redrive, failed again and found back in the DLQ, where they were left. Always 0
   * for a move task: SQS itself moves only what was in the DLQ when the task started.
   */
  returned: number;
}

/** SQS accepts at most 500 messages per second for a move task. */
const MAX_MOVE_TASK_RATE = 500;

/** Moves messages from a queue's dead-letter queue back to the queue, rate-limited. */
export async function redriveDeadLetters(options: RedriveOptions): Promise<RedriveResult> {
  const { sqs, maxPerSecond, maxMessages } = options;
  if (!(maxPerSecond > 0)) throw new Error(`maxPerSecond must be positive, got ${maxPerSecond}`);
  const addresses = options.directory[options.queue];
  if (maxMessages === undefined && options.useMoveTask !== false) {
    const moved = await runMoveTask({
      sqs,
      sourceArn: addresses.dlqArn,
      destinationArn: addresses.workArn,
      maxPerSecond: Math.min(MAX_MOVE_TASK_RATE, Math.max(1, Math.floor(maxPerSecond))),
      pollIntervalMs: options.pollIntervalMs ?? 2000,
    });
    if (moved !== null) return { method: 'move-task', moved, returned: 0 };
  }
  const counts = await runCopyLoop({
    sqs,
    dlqUrl: addresses.dlqUrl,
    workUrl: addresses.workUrl,
    maxPerSecond,
    maxMessages: maxMessages ?? Number.POSITIVE_INFINITY,
    taskId: options.taskId ?? randomUUID(),
    onProgress: options.onProgress,
  });
  return { method: 'copy-loop', ...counts };
}
