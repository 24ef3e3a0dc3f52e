import { Injectable } from '@nestjs/common';
import type { QueueName } from '@conveyor/contracts';
import { DeadLetterNotFoundError } from '../../dead-letters/dead-letters.errors';
import { DeadLettersService } from '../../dead-letters/dead-letters.service';
import type { RedriveTask } from '../../dead-letters/redrive-dead-letters/redrive-task.registry';
import { QueueOverviewService } from '../../queue-overview/queue-overview.service';
import { DeadLetterConsolePort } from './dead-letter-console.port';
import type { QueueDeadLetters, RedriveProgress } from './dead-letter.views';

const PREVIEW_CHARACTERS = 400;

/**
 * The dead-letter browser on the admin API's own services (DeadLettersService,
 * QueueOverviewService): the console, the API and the CLI share one implementation, and every
 * change is audit-logged with the signed-in administrator's subject.
 */
@Injectable()
export class DeadLetterConsoleAdapter extends DeadLetterConsolePort {
  constructor(
    private readonly deadLetters: DeadLettersService,
    private readonly queues: QueueOverviewService,
  ) {
    super();
  }

  async depths(): Promise<Partial<Record<QueueName, number>>> {
    const overview = await this.queues.overview();
    return Object.fromEntries(overview.map((queue) => [queue.queue, dlqDepth(queue.dlq)]));
  }

  async list(queue: QueueName): Promise<QueueDeadLetters> {
    // One after the other: the overview dates small DLQs by peeking them too, and a peek hides
    // the messages from another one running at the same moment.
    const letters = await this.deadLetters.peek(queue);
    const overview = await this.queues.overview();
    const dlq = overview.find((candidate) => candidate.queue === queue)?.dlq;
    return {
      queue,
      depth: dlq ? dlqDepth(dlq) : letters.length,
      messages: letters.map((letter) => ({
        id: letter.id,
        type: letter.type ?? undefined,
        orderId: letter.orderId ?? undefined,
        reason: letter.poisonReason,
        receiveCount: letter.receiveCount,
        sentAt: letter.lastFailureAt ? new Date(letter.lastFailureAt) : undefined,
        bodyPreview: preview(letter.body),
      })),
    };
  }

  startRedrive(queue: QueueName, admin: string): Promise<RedriveProgress> {
    return Promise.resolve(progressOf(this.deadLetters.startRedrive(queue, {}, admin)));
  }

  progress(queue: QueueName, taskId: string): Promise<RedriveProgress | null> {
    try {
      return Promise.resolve(progressOf(this.deadLetters.task(taskId, queue)));
    } catch {
      return Promise.resolve(null);
    }
  }

  async delete(queue: QueueName, id: string, admin: string): Promise<boolean> {
    try {
      await this.deadLetters.delete(queue, id, admin);
      return true;
    } catch (error) {
      if (error instanceof DeadLetterNotFoundError) return false;
      throw error;
    }
  }

  purge(queue: QueueName, admin: string): Promise<void> {
    return this.deadLetters.purge(queue, admin);
  }
}

function dlqDepth(depth: { visible: number; inFlight: number; delayed: number }): number {
  return depth.visible + depth.inFlight + depth.delayed;
}

function progressOf(task: RedriveTask): RedriveProgress {
  return {
    taskId: task.id,
    queue: task.queue,
    state:
      task.state === 'RUNNING' ? 'running' : task.state === 'COMPLETED' ? 'completed' : 'failed',
    moved: task.moved,
    returned: task.returned,
    error: task.error ?? undefined,
  };
}

function preview(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body, null, 1);
  return text.length > PREVIEW_CHARACTERS ? `${text.slice(0, PREVIEW_CHARACTERS)}…` : text;
}
