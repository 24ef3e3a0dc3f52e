import { Injectable } from '@nestjs/common';
import { QUEUE_NAMES, type QueueName } from '@conveyor/contracts';
import { peekDeadLetters, readQueueDepth, type QueueDepth } from '@conveyor/messaging';
import { DeadLetterQueues } from '../dead-letters/dead-letter-queues';

export interface QueueAge {
  oldestAgeSeconds: number | null;
  /** Why the age is null. */
  ageUnknownBecause: string | null;
}

export interface QueueOverview {
  queue: QueueName;
  work: QueueDepth & QueueAge;
  dlq: QueueDepth & QueueAge;
}

/** A DLQ up to this size is read whole to find its oldest message; a larger one is not. */
const AGE_SCAN_LIMIT = 100;
const WORK_AGE_UNKNOWN =
  'SQS reports no message age through its API (CloudWatch ApproximateAgeOfOldestMessage does)';

/** Depths of every work queue and DLQ, and the DLQ's oldest message where it can be known. */
@Injectable()
export class QueueOverviewService {
  constructor(private readonly queues: DeadLetterQueues) {}

  overview(): Promise<QueueOverview[]> {
    return Promise.all(QUEUE_NAMES.map((queue) => this.queueOverview(queue)));
  }

  private async queueOverview(queue: QueueName): Promise<QueueOverview> {
    const { addresses } = this.queues.addressesOf(queue);
    const [work, dlq] = await Promise.all([
      readQueueDepth(this.queues.sqs, addresses.workUrl),
      readQueueDepth(this.queues.sqs, addresses.dlqUrl),
    ]);
    return {
      queue,
      work: { ...work, oldestAgeSeconds: null, ageUnknownBecause: WORK_AGE_UNKNOWN },
      dlq: { ...dlq, ...(await this.deadLetterAge(addresses.dlqUrl, dlq)) },
    };
  }

  /** Peeking is the only honest way to date a DLQ's messages; only small ones are read. */
  private async deadLetterAge(dlqUrl: string, depth: QueueDepth): Promise<QueueAge> {
    if (depth.inFlight > 0 || depth.visible > AGE_SCAN_LIMIT) {
      return {
        oldestAgeSeconds: null,
        ageUnknownBecause: `only a DLQ of at most ${AGE_SCAN_LIMIT} visible and none in flight is dated`,
      };
    }
    const letters = await peekDeadLetters(this.queues.sqs, dlqUrl, AGE_SCAN_LIMIT);
    const times = letters.flatMap((letter) =>
      letter.lastFailureAt ? [Date.parse(letter.lastFailureAt)] : [],
    );
    if (times.length === 0) return { oldestAgeSeconds: null, ageUnknownBecause: 'empty' };
    return {
      oldestAgeSeconds: Math.max(0, Math.round((Date.now() - Math.min(...times)) / 1000)),
      ageUnknownBecause: null,
    };
  }
}
