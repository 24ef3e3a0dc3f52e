import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { BareEnvelope } from './bare.transaction';

export type BareHandler = (envelope: BareEnvelope) => Promise<void>;

/**
 * The baselines' consumer, as one would write it by hand: receive up to ten, handle them side by
 * side, delete the handled ones in one DeleteMessageBatch, repeat. A failed message is left for
 * SQS to redeliver. `concurrency` / 10 such loops run at once.
 */
export class BareConsumerLoop {
  private readonly stopController = new AbortController();
  private loops: Promise<void>[] = [];

  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
    private readonly concurrency: number,
    private readonly visibilityTimeoutSeconds: number,
    private readonly handlers: Record<string, BareHandler>,
  ) {}

  start(): void {
    const loops = Math.ceil(this.concurrency / 10);
    const size = Math.min(10, this.concurrency);
    this.loops = Array.from({ length: loops }, () => this.loop(size));
  }

  async stop(): Promise<void> {
    this.stopController.abort();
    await Promise.all(this.loops);
  }

  private async loop(size: number): Promise<void> {
    const signal = this.stopController.signal;
    while (!signal.aborted) {
      const messages = await this.receive(size, signal);
      if (messages.length === 0) continue;
      const outcomes = await Promise.allSettled(messages.map((message) => this.handle(message)));
      const handled = messages.filter((_, index) => outcomes[index].status === 'fulfilled');
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') console.error('bare handler failed', outcome.reason);
      }
      if (handled.length === 0) continue;
      await this.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: handled.map((message, index) => ({
            Id: String(index),
            ReceiptHandle: message.ReceiptHandle,
          })),
        }),
      );
    }
  }

  private async receive(size: number, signal: AbortSignal): Promise<Message[]> {
    try {
      const { Messages = [] } = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.queueUrl,
          MaxNumberOfMessages: size,
          WaitTimeSeconds: 20,
          VisibilityTimeout: this.visibilityTimeoutSeconds,
          MessageSystemAttributeNames: ['ApproximateReceiveCount', 'MessageGroupId'],
          MessageAttributeNames: ['All'],
        }),
        { abortSignal: signal },
      );
      return Messages;
    } catch (error) {
      if (!signal.aborted) console.error('bare receive failed', error);
      return [];
    }
  }

  private handle(message: Message): Promise<void> {
    const envelope = JSON.parse(message.Body ?? '') as BareEnvelope;
    const handler = this.handlers[envelope.type];
    if (!handler) return Promise.reject(new Error(`no bare handler for ${envelope.type}`));
    return handler(envelope);
  }
}
