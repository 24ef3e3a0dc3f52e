import { ChangeMessageVisibilityCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ConsumerLogger } from './consumer.types';

export interface VisibilityHeartbeatOptions {
  sqs: SQSClient;
  queueUrl: string;
  receiptHandle: string;
  sqsMessageId: string;
  visibilityTimeoutSeconds: number;
  logger: ConsumerLogger;
}

/**
 * Keeps a received message invisible while it is being worked on: every third of the visibility
 * timeout the lease is renewed to the full timeout, so a slow handler is never raced by a second
 * delivery of the same message.
 */
export class VisibilityHeartbeat {
  private timer: NodeJS.Timeout | null = null;
  private renewing = false;

  constructor(private readonly options: VisibilityHeartbeatOptions) {}

  start(): void {
    const intervalMs = (this.options.visibilityTimeoutSeconds * 1000) / 3;
    this.timer = setInterval(() => void this.renew(), intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async renew(): Promise<void> {
    // A renewal still in flight already extends the lease; stacking more adds load, not safety.
    if (this.renewing) return;
    this.renewing = true;
    const { sqs, queueUrl, receiptHandle, visibilityTimeoutSeconds, sqsMessageId } = this.options;
    try {
      await sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queueUrl,
          ReceiptHandle: receiptHandle,
          VisibilityTimeout: visibilityTimeoutSeconds,
        }),
      );
    } catch (err) {
      this.options.logger.warn({ err, sqsMessageId }, 'could not extend message visibility');
    } finally {
      this.renewing = false;
    }
  }
}
