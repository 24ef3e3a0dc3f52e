import type { QueueName } from '@conveyor/contracts';

/** One dead-lettered message as the browser lists it. */
export interface DeadLetterRow {
  /** What a delete names (the message's id in the DLQ). */
  id: string;
  type?: string;
  orderId?: string;
  /** Why it was dead-lettered: the consumer's poison label, or the receive count that ran out. */
  reason?: string;
  receiveCount?: number;
  sentAt?: Date;
  bodyPreview: string;
}

export interface QueueDeadLetters {
  queue: QueueName;
  depth: number;
  messages: DeadLetterRow[];
}

/** A redrive's progress, as the task that runs it reports it. */
export interface RedriveProgress {
  taskId: string;
  queue: QueueName;
  state: 'running' | 'completed' | 'failed';
  /** Moved back to the work queue. */
  moved: number;
  /** Moved by this redrive, failed again, and left in the DLQ (the redrive does not loop). */
  returned: number;
  error?: string;
}
