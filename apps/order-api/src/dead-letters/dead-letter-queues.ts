import { Inject, Injectable } from '@nestjs/common';
import { SQSClient } from '@aws-sdk/client-sqs';
import { QUEUE_NAMES, type QueueName } from '@conveyor/contracts';
import type { QueueAddresses, QueueDirectory } from '@conveyor/messaging';
import { QUEUE_DIRECTORY } from '@conveyor/service-runtime';
import { UnknownQueueError } from './dead-letters.errors';

/** The SQS client and the addresses of the queue an admin path names; unknown names are 404s. */
@Injectable()
export class DeadLetterQueues {
  constructor(
    readonly sqs: SQSClient,
    @Inject(QUEUE_DIRECTORY) private readonly directory: QueueDirectory,
  ) {}

  addressesOf(queue: string): { queue: QueueName; addresses: QueueAddresses } {
    if (!isQueueName(queue)) throw new UnknownQueueError(queue);
    return { queue, addresses: this.directory[queue] };
  }

  get queueDirectory(): QueueDirectory {
    return this.directory;
  }
}

export function isQueueName(value: string): value is QueueName {
  return (QUEUE_NAMES as readonly string[]).includes(value);
}
