import { CodedError } from '../errors/coded.error';

export class UnknownQueueError extends CodedError {
  constructor(queue: string) {
    super('QUEUE.NOT_FOUND', `No queue named ${queue.slice(0, 64)}`);
  }
}

export class RedriveLimitError extends CodedError {
  constructor(problem: string) {
    super('REDRIVE.LIMIT_OUT_OF_RANGE', problem);
  }
}

export class RedriveTaskNotFoundError extends CodedError {
  constructor(taskId: string) {
    super('REDRIVE.TASK_NOT_FOUND', `No redrive task ${taskId.slice(0, 64)}`);
  }
}

export class DeadLetterNotFoundError extends CodedError {
  constructor(queue: string, id: string) {
    super('DLQ.MESSAGE_NOT_FOUND', `No message ${id.slice(0, 128)} in the ${queue} DLQ`);
  }
}

export class PurgeNotConfirmedError extends CodedError {
  constructor(queue: string) {
    super('DLQ.PURGE_NOT_CONFIRMED', `A purge needs the body {"confirm": "${queue}"}`);
  }
}
