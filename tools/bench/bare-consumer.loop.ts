import { setTimeout as sleep } from 'node:timers/promises';
import { ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { BareDeleteBatcher } from './bare-delete.batcher';
import type { BareEnvelope } from './bare.transaction';

export type BareHandler = (envelope: BareEnvelope) => Promise<void>;

const BATCH = 10;

/**
 * The baselines' consumer, as one would write it by hand for throughput: `concurrency` handlers
 * run at once, and each takes the next received message as soon as it is free (no lockstep:
 * the old loop waited for the slowest of ten, then for their delete, before receiving again).
 * It holds up to ten more than it runs, so the next batch is received while the handlers work;
 * every receive asks for ten and long-polls.
 * Deletes go out in the background in batches, each only after its handler committed; a failed
 * message is left for SQS to redeliver.
 */
export class BareConsumerLoop {
  private readonly stopController = new AbortController();
  private readonly deletes: BareDeleteBatcher;
  private receiving?: Promise<void>;
  private running = 0;
  private readonly waiting: Message[] = [];
  private readonly work = new Set<Promise<void>>();
  private freed?: () => void;

  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
    private readonly concurrency: number,
    private readonly visibilityTimeoutSeconds: number,
    private readonly handlers: Record<string, BareHandler>,
  ) {
    this.deletes = new BareDeleteBatcher(sqs, queueUrl);
  }

  start(): void {
    this.receiving = this.receiveLoop(this.stopController.signal);
  }

  /** Stops receiving, handles what was received, then sends the last deletes. */
  async stop(): Promise<void> {
    this.stopController.abort();
    this.wake();
    await this.receiving;
    while (this.work.size > 0) await Promise.all([...this.work]);
    await this.deletes.flush();
  }

  /**
   * The next batch is asked for once the last one has been handed to handlers, so it arrives
   * while they work, and at most one batch waits beyond them.
   */
  private async receiveLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      while (!signal.aborted && this.waiting.length > 0) {
        await new Promise<void>((resolve) => (this.freed = resolve));
      }
      if (signal.aborted) break;
      const messages = await this.receive(BATCH, signal);
      this.waiting.push(...messages);
      this.runWaiting();
    }
  }

  private runWaiting(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const message = this.waiting.shift()!;
      this.running += 1;
      const task = this.settle(message).finally(() => {
        this.running -= 1;
        this.work.delete(task);
        this.runWaiting();
        this.wake();
      });
      this.work.add(task);
    }
  }

  private async settle(message: Message): Promise<void> {
    try {
      await this.handle(message);
    } catch (error) {
      console.error('bare handler failed', error);
      return;
    }
    this.deletes.add(message.ReceiptHandle ?? '');
  }

  private wake(): void {
    this.freed?.();
    this.freed = undefined;
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
      if (signal.aborted) return [];
      console.error('bare receive failed', error);
      await sleep(1_000, undefined, { signal }).catch(() => undefined);
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
