import { setTimeout as sleep } from 'node:timers/promises';
import {
  ListMessageMoveTasksCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { isUnknownOperationError } from '../sqs/sqs-errors';

export interface MoveTaskOptions {
  sqs: SQSClient;
  sourceArn: string;
  destinationArn: string;
  maxPerSecond: number;
  pollIntervalMs: number;
}

/**
 * Runs an SQS message move task to completion and returns how many messages it moved, or null
 * when the endpoint does not implement move tasks (emulators).
 */
export async function runMoveTask(options: MoveTaskOptions): Promise<number | null> {
  const { sqs, sourceArn, destinationArn, maxPerSecond } = options;
  let taskHandle: string | undefined;
  try {
    const started = await sqs.send(
      new StartMessageMoveTaskCommand({
        SourceArn: sourceArn,
        DestinationArn: destinationArn,
        MaxNumberOfMessagesPerSecond: maxPerSecond,
      }),
    );
    taskHandle = started.TaskHandle;
  } catch (error) {
    if (isUnknownOperationError(error, 'StartMessageMoveTask')) return null;
    throw error;
  }
  return waitForMoveTask(options, taskHandle);
}

async function waitForMoveTask(options: MoveTaskOptions, taskHandle?: string): Promise<number> {
  for (;;) {
    const { Results = [] } = await options.sqs.send(
      new ListMessageMoveTasksCommand({ SourceArn: options.sourceArn, MaxResults: 10 }),
    );
    // Only a running task carries its handle; a finished one is the most recent entry.
    const task = Results.find((result) => result.TaskHandle === taskHandle) ?? Results[0];
    if (!task) throw new Error(`no message move task found for ${options.sourceArn}`);
    if (task.Status === 'COMPLETED') return task.ApproximateNumberOfMessagesMoved ?? 0;
    if (task.Status === 'FAILED' || task.Status === 'CANCELLED') {
      throw new Error(
        `message move task ${task.Status}: ${task.FailureReason ?? 'no reason given'}`,
      );
    }
    await sleep(options.pollIntervalMs);
  }
}
