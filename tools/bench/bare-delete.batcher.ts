import { DeleteMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';

const MAX_BATCH = 10;
/** As Conveyor's CONSUMER_BATCH_LINGER_MS default: a waiting delete only keeps a message hidden. */
const LINGER_MS = 200;

/**
 * The baselines' deletes, in the background: a handled message's receipt waits here, and ten of
 * them (or whatever the linger gathered) go out in one DeleteMessageBatch, so no handler and no
 * receive waits on a delete, and each call carries up to ten. Only receipts of messages whose
 * transaction committed come here; a failed delete leaves the message to come back, and the
 * inbox answers it as a duplicate.
 */
export class BareDeleteBatcher {
  private pending: string[] = [];
  private timer?: NodeJS.Timeout;
  private readonly sends = new Set<Promise<void>>();

  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  add(receiptHandle: string): void {
    this.pending.push(receiptHandle);
    if (this.pending.length >= MAX_BATCH) this.flushNow();
    else this.timer ??= setTimeout(() => this.flushNow(), LINGER_MS);
  }

  /** Sends what waits and resolves once every batch was answered. */
  async flush(): Promise<void> {
    this.flushNow();
    while (this.sends.size > 0) await Promise.all([...this.sends]);
  }

  private flushNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.pending.length > 0) {
      const send = this.send(this.pending.splice(0, MAX_BATCH));
      this.sends.add(send);
      void send.finally(() => this.sends.delete(send));
    }
  }

  private async send(receipts: string[]): Promise<void> {
    try {
      const { Failed = [] } = await this.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: receipts.map((receipt, index) => ({
            Id: String(index),
            ReceiptHandle: receipt,
          })),
        }),
      );
      if (Failed.length > 0) console.error('bare deletes failed', Failed);
    } catch (error) {
      console.error('bare delete batch failed', error);
    }
  }
}
