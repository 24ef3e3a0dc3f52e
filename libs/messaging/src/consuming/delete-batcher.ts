import { DeleteMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';

const MAX_BATCH = 10;

interface PendingDelete {
  receiptHandle: string;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Coalesces deletes from concurrently finishing handlers into DeleteMessageBatch calls: a batch
 * goes out when ten are waiting or after the linger, whichever comes first. Nothing waits on a
 * delete, and the message stays invisible meanwhile (the linger is far below any visibility
 * timeout), so lingering costs nothing but saves calls.
 */
export class DeleteBatcher {
  private pending: PendingDelete[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly flushes = new Set<Promise<void>>();

  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
    private readonly lingerMs: number,
  ) {}

  /** Resolves once SQS confirmed the delete; rejects with SQS's reason otherwise. */
  delete(receiptHandle: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ receiptHandle, resolve, reject });
      if (this.pending.length >= MAX_BATCH) this.flushNow();
      else this.timer ??= setTimeout(() => this.flushNow(), this.lingerMs);
    });
  }

  /** Sends everything waiting and resolves when every outstanding batch has been answered. */
  async flush(): Promise<void> {
    while (this.pending.length > 0) this.flushNow();
    await Promise.all(this.flushes);
  }

  private flushNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_BATCH);
      const sending = this.send(batch).finally(() => this.flushes.delete(sending));
      this.flushes.add(sending);
    }
  }

  private async send(batch: PendingDelete[]): Promise<void> {
    try {
      const response = await this.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: batch.map((item, index) => ({
            Id: String(index),
            ReceiptHandle: item.receiptHandle,
          })),
        }),
      );
      const failures = new Map((response.Failed ?? []).map((entry) => [entry.Id, entry]));
      for (const [index, item] of batch.entries()) {
        const failure = failures.get(String(index));
        if (failure)
          item.reject(new Error(`${failure.Code}: ${failure.Message ?? 'delete failed'}`));
        else item.resolve();
      }
    } catch (error) {
      const reason = error instanceof Error ? error : new Error(String(error));
      for (const item of batch) item.reject(reason);
    }
  }
}
