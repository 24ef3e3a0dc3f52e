import { Injectable } from '@nestjs/common';
import type { QueueName } from '@conveyor/contracts';

export type RedriveTaskState = 'RUNNING' | 'COMPLETED' | 'FAILED';

export interface RedriveTask {
  id: string;
  queue: QueueName;
  state: RedriveTaskState;
  /** Moved back to the work queue. */
  moved: number;
  /** Moved by this task, failed again and left in the DLQ. */
  returned: number;
  max: number | null;
  rate: number;
  startedBy: string;
  startedAt: string;
  endedAt: string | null;
  error: string | null;
}

/** How many finished tasks are remembered; a process restart forgets them all. */
const KEPT_TASKS = 200;

/** Redrive tasks of this process, in memory: progress is read while the task runs. */
@Injectable()
export class RedriveTaskRegistry {
  private readonly tasks = new Map<string, RedriveTask>();

  add(task: RedriveTask): void {
    this.tasks.set(task.id, task);
    while (this.tasks.size > KEPT_TASKS) {
      const oldest = [...this.tasks.values()].find((candidate) => candidate.state !== 'RUNNING');
      if (!oldest) break;
      this.tasks.delete(oldest.id);
    }
  }

  get(id: string): RedriveTask | undefined {
    const task = this.tasks.get(id);
    return task && { ...task };
  }

  update(id: string, changes: Partial<RedriveTask>): void {
    const task = this.tasks.get(id);
    if (task) Object.assign(task, changes);
  }
}
