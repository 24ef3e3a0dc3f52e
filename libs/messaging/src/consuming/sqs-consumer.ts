import { setTimeout as sleep } from 'node:timers/promises';
import { type Message, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { ConcurrencyLimit } from './concurrency-limit';
import { ConsumerSlots } from './consumer-slots';
import type { ConsumeOutcome, ConsumerHealth, SqsConsumerOptions } from './consumer.types';
import { DeleteBatcher } from './delete-batcher';
import { DependencyGate } from './dependency-gate';
import { groupByMessageGroup } from './fifo-groups';
import { MessageProcessor, type ResolvedConsumerOptions } from './message-processor';
import { PoisonForwarder } from './poison-forwarder';
import { receiveErrorDelayMs } from './retry-backoff';
import { VisibilityHeartbeat } from './visibility-heartbeat';

const MAX_RECEIVE_BATCH = 10;
export const DEFAULT_BATCH_LINGER_MS = 200;

interface Lease {
  message: Message;
  heartbeat: VisibilityHeartbeat;
}

/**
 * Long-polls one queue and keeps up to `concurrency` messages in flight. While the queue has a
 * backlog it receives in batches (see ConsumerSlots); deletes are batched too (DeleteBatcher). In
 * FIFO mode the messages of one group run one after another, and a failure holds back the rest of
 * its group to keep the order.
 */
export class SqsConsumer {
  private readonly options: ResolvedConsumerOptions;
  private readonly deleter: DeleteBatcher;
  private readonly processor: MessageProcessor;
  private stopController: AbortController | null = null;
  private loop: Promise<void> | null = null;
  private readonly work = new Set<Promise<void>>();
  private readonly slots: ConsumerSlots;
  private readonly handlers: ConcurrencyLimit;
  private readonly gate: DependencyGate;
  private lastPollAt: Date | null = null;
  private consecutiveReceiveErrors = 0;

  constructor(options: SqsConsumerOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
      throw new Error(`concurrency must be a positive integer, got ${options.concurrency}`);
    }
    if (options.visibilityTimeoutSeconds < 1) {
      throw new Error(
        `visibilityTimeoutSeconds must be >= 1, got ${options.visibilityTimeoutSeconds}`,
      );
    }
    this.options = {
      ...options,
      waitTimeSeconds: options.waitTimeSeconds ?? 20,
      backoff: { baseSeconds: 2, maxSeconds: 300, ...options.backoff },
    };
    const lingerMs = options.batchLingerMs ?? DEFAULT_BATCH_LINGER_MS;
    const prefetch = Math.max(options.prefetch ?? MAX_RECEIVE_BATCH, options.concurrency);
    this.handlers = new ConcurrencyLimit(options.concurrency);
    this.slots = new ConsumerSlots(prefetch, MAX_RECEIVE_BATCH, lingerMs, (busy) =>
      this.options.metrics?.onInFlight(this.options.queue, busy),
    );
    this.deleter = new DeleteBatcher(options.sqs, options.queueUrl, lingerMs);
    this.gate = new DependencyGate(options.dependency, options.logger, options.queue);
    this.processor = new MessageProcessor(
      this.options,
      this.deleter,
      new PoisonForwarder(options),
      this.gate,
    );
  }

  get isRunning(): boolean {
    return this.loop !== null && this.stopController?.signal.aborted === false;
  }

  health(): ConsumerHealth {
    return {
      running: this.isRunning,
      lastPollAt: this.lastPollAt,
      inFlight: this.slots.inUse,
      consecutiveReceiveErrors: this.consecutiveReceiveErrors,
    };
  }

  start(): void {
    if (this.loop) throw new Error(`consumer for ${this.options.queue} is already started`);
    this.stopController = new AbortController();
    this.loop = this.pollLoop(this.stopController.signal);
    const { queue, concurrency } = this.options;
    this.options.logger.info({ queue, concurrency }, 'consumer started');
  }

  /** Stops receiving, lets in-flight handlers finish and their deletes go out, then resolves. */
  async stop(): Promise<void> {
    if (!this.loop || !this.stopController) return;
    this.stopController.abort();
    this.slots.wake();
    await this.loop;
    while (this.work.size > 0) await Promise.all(this.work);
    await this.deleter.flush();
    this.loop = null;
    this.options.logger.info({ queue: this.options.queue }, 'consumer stopped');
  }

  private async pollLoop(signal: AbortSignal): Promise<void> {
    let backlog = false;
    while (!signal.aborted) {
      await this.slots.waitForReceive(signal, backlog);
      await this.gate.waitUntilOpen(signal);
      if (signal.aborted) break;
      const asked = Math.min(MAX_RECEIVE_BATCH, this.slots.free);
      const messages = await this.receive(asked, signal);
      backlog = messages.length === asked;
      this.dispatch(messages);
    }
  }

  private async receive(maxMessages: number, signal: AbortSignal): Promise<Message[]> {
    const { sqs, queue, queueUrl, waitTimeSeconds, visibilityTimeoutSeconds } = this.options;
    try {
      const response = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: maxMessages,
          WaitTimeSeconds: waitTimeSeconds,
          // The heartbeat renews relative to this lease, whatever the queue's default is.
          VisibilityTimeout: visibilityTimeoutSeconds,
          MessageSystemAttributeNames: [
            'ApproximateReceiveCount',
            'MessageGroupId',
            'SentTimestamp',
          ],
          MessageAttributeNames: ['All'],
        }),
        {
          abortSignal: signal,
          requestTimeout: waitTimeSeconds * 1000 + (this.options.receiveTimeoutMarginMs ?? 10_000),
        },
      );
      this.lastPollAt = new Date();
      this.consecutiveReceiveErrors = 0;
      return response.Messages ?? [];
    } catch (err) {
      if (signal.aborted) return [];
      this.consecutiveReceiveErrors += 1;
      this.options.metrics?.onReceiveError(queue);
      const delayMs = Math.round(receiveErrorDelayMs(this.consecutiveReceiveErrors));
      const consecutiveErrors = this.consecutiveReceiveErrors;
      this.options.logger.error({ err, queue, delayMs, consecutiveErrors }, 'receive failed');
      await sleep(delayMs, undefined, { signal }).catch(() => undefined);
      return [];
    }
  }

  private dispatch(messages: Message[]): void {
    for (const message of messages) this.recordReceipt(message);
    const leases = messages.map((message) => this.lease(message));
    if (this.options.mode === 'standard') {
      for (const lease of leases) this.track(this.runOne(lease));
      return;
    }
    for (const group of groupByMessageGroup(leases)) this.track(this.runInOrder(group));
  }

  private recordReceipt({ Attributes: attributes }: Message): void {
    const sentAt = Number(attributes?.SentTimestamp);
    this.options.metrics?.onReceived({
      queue: this.options.queue,
      waitSeconds: Number.isFinite(sentAt) ? Math.max(0, Date.now() - sentAt) / 1000 : null,
      receiveCount: Number(attributes?.ApproximateReceiveCount ?? '1'),
    });
  }

  private lease(message: Message): Lease {
    const { sqs, queueUrl, visibilityTimeoutSeconds, logger } = this.options;
    const heartbeat = new VisibilityHeartbeat({
      sqs,
      queueUrl,
      receiptHandle: message.ReceiptHandle ?? '',
      sqsMessageId: message.MessageId ?? '',
      visibilityTimeoutSeconds,
      logger,
    });
    heartbeat.start();
    this.slots.take();
    return { message, heartbeat };
  }

  private async runOne({ message, heartbeat }: Lease): Promise<ConsumeOutcome> {
    try {
      return await this.handlers.run(() => this.processor.process(message, heartbeat));
    } finally {
      heartbeat.stop();
      this.slots.give();
    }
  }

  private async runInOrder(group: Lease[]): Promise<void> {
    for (const [index, lease] of group.entries()) {
      if ((await this.runOne(lease)) === 'transient') {
        await Promise.all(group.slice(index + 1).map((rest) => this.release(rest)));
        return;
      }
    }
  }

  /** Hands an unprocessed message back at once, so its group resumes after the failed one. */
  private async release({ message, heartbeat }: Lease): Promise<void> {
    heartbeat.stop();
    try {
      await this.processor.release(message);
    } finally {
      this.slots.give();
    }
  }

  private track(task: Promise<unknown>): void {
    const tracked = task.then(
      () => undefined,
      (err: unknown) =>
        this.options.logger.error(
          { err, queue: this.options.queue },
          'unexpected error while settling a message',
        ),
    );
    this.work.add(tracked);
    void tracked.finally(() => this.work.delete(tracked));
  }
}
