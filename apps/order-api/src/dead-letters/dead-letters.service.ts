import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import {
  deleteDeadLetter,
  peekDeadLetters,
  purgeDeadLetters,
  redriveDeadLetters,
  redriveMaxProblem,
  redriveRateProblem,
  DEFAULT_REDRIVE_RATE,
  type DeadLetterView,
} from '@conveyor/messaging';
import { DeadLetterQueues } from './dead-letter-queues';
import {
  DeadLetterNotFoundError,
  RedriveLimitError,
  RedriveTaskNotFoundError,
} from './dead-letters.errors';
import {
  RedriveTaskRegistry,
  type RedriveTask,
} from './redrive-dead-letters/redrive-task.registry';

export interface RedriveLimits {
  max?: number;
  rate?: number;
}

/**
 * Every dead-letter operation of the admin API and console: peek, redrive (as a background task),
 * delete one, purge. Each change is logged as an audit line naming the admin.
 */
@Injectable()
export class DeadLettersService {
  constructor(
    private readonly queues: DeadLetterQueues,
    private readonly tasks: RedriveTaskRegistry,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(DeadLettersService.name);
  }

  /** Throws QUEUE.NOT_FOUND for a name that is no work queue. */
  addressesOf(queueName: string): void {
    this.queues.addressesOf(queueName);
  }

  async peek(queueName: string, subject?: string): Promise<DeadLetterView[]> {
    const { queue, addresses } = this.queues.addressesOf(queueName);
    const letters = await peekDeadLetters(this.queues.sqs, addresses.dlqUrl);
    if (subject) this.audit(subject, 'dead-letters.peek', queue, { count: letters.length });
    return letters;
  }

  startRedrive(queueName: string, limits: RedriveLimits, subject: string): RedriveTask {
    const { queue } = this.queues.addressesOf(queueName);
    const rate = limits.rate ?? DEFAULT_REDRIVE_RATE;
    const problem =
      redriveRateProblem(rate) ?? (limits.max === undefined ? null : redriveMaxProblem(limits.max));
    if (problem) throw new RedriveLimitError(problem);
    const task: RedriveTask = {
      id: randomUUID(),
      queue,
      state: 'RUNNING',
      moved: 0,
      returned: 0,
      max: limits.max ?? null,
      rate,
      startedBy: subject,
      startedAt: new Date().toISOString(),
      endedAt: null,
      error: null,
    };
    this.tasks.add(task);
    this.audit(subject, 'dead-letters.redrive-started', queue, { taskId: task.id, ...limits });
    void this.run(task);
    return { ...task };
  }

  task(taskId: string, queueName?: string): RedriveTask {
    const task = this.tasks.get(taskId);
    if (!task || (queueName !== undefined && task.queue !== queueName)) {
      throw new RedriveTaskNotFoundError(taskId);
    }
    return task;
  }

  async delete(queueName: string, messageId: string, subject: string): Promise<void> {
    const { queue, addresses } = this.queues.addressesOf(queueName);
    const deleted = await deleteDeadLetter(this.queues.sqs, addresses.dlqUrl, messageId);
    if (!deleted) throw new DeadLetterNotFoundError(queue, messageId);
    this.audit(subject, 'dead-letters.delete', queue, { messageId });
  }

  async purge(queueName: string, subject: string): Promise<void> {
    const { queue, addresses } = this.queues.addressesOf(queueName);
    await purgeDeadLetters(this.queues.sqs, addresses.dlqUrl);
    this.audit(subject, 'dead-letters.purge', queue, {});
  }

  private async run(task: RedriveTask): Promise<void> {
    try {
      const result = await redriveDeadLetters({
        sqs: this.queues.sqs,
        directory: this.queues.queueDirectory,
        queue: task.queue,
        maxPerSecond: task.rate,
        maxMessages: task.max ?? undefined,
        useMoveTask: false,
        taskId: task.id,
        onProgress: (counts) => this.tasks.update(task.id, counts),
      });
      const { moved, returned } = result;
      this.tasks.update(task.id, { state: 'COMPLETED', moved, returned, endedAt: now() });
      this.audit(task.startedBy, 'dead-letters.redrive-ended', task.queue, {
        taskId: task.id,
        moved,
        returned,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.tasks.update(task.id, { state: 'FAILED', error: message, endedAt: now() });
      this.logger.error({ err: error, taskId: task.id, queue: task.queue }, 'redrive failed');
    }
  }

  private audit(subject: string, action: string, queue: string, details: object): void {
    this.logger.info({ audit: true, sub: subject, action, queue, ...details }, `admin ${action}`);
  }
}

function now(): string {
  return new Date().toISOString();
}
