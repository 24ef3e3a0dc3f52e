import { ChangeMessageVisibilityCommand, type Message } from '@aws-sdk/client-sqs';
import { MESSAGE_CATALOG } from '@conveyor/contracts';
import { correlationContext } from '@conveyor/observability';
import { inProcessSpan } from '@conveyor/tracing';
import { PoisonMessageError } from './consumer.errors';
import type {
  BackoffOptions,
  ConsumedMessage,
  ConsumeOutcome,
  SqsConsumerOptions,
} from './consumer.types';
import type { DeleteBatcher } from './delete-batcher';
import type { DependencyGate } from './dependency-gate';
import { decodeMessage } from './message-decoder';
import type { PoisonForwarder } from './poison-forwarder';
import { retryBackoffSeconds } from './retry-backoff';
import type { VisibilityHeartbeat } from './visibility-heartbeat';

export type ResolvedConsumerOptions = SqsConsumerOptions & {
  waitTimeSeconds: number;
  backoff: BackoffOptions;
};

interface Delivery {
  message: Message;
  receiveCount: number;
  /** Fields every log line about this delivery carries. */
  log: Record<string, unknown>;
}

interface Settled {
  outcome: ConsumeOutcome;
  /** The metrics' `type` label: a catalog type, or `unknown` (free text would explode series). */
  type: string;
}

function metricTypeOf(type: string | undefined): string {
  return type !== undefined && Object.hasOwn(MESSAGE_CATALOG, type) ? type : 'unknown';
}

/** Runs one received message through decode → handler → settle (delete, dead-letter or retry). */
export class MessageProcessor {
  constructor(
    private readonly options: ResolvedConsumerOptions,
    private readonly deleter: DeleteBatcher,
    private readonly poison: PoisonForwarder,
    private readonly gate?: DependencyGate,
  ) {}

  async process(message: Message, heartbeat: VisibilityHeartbeat): Promise<ConsumeOutcome> {
    const started = performance.now();
    const { outcome, type } = await this.settle(message, heartbeat);
    const durationSeconds = (performance.now() - started) / 1000;
    this.options.metrics?.onOutcome({ queue: this.options.queue, type, outcome, durationSeconds });
    return outcome;
  }

  /** Makes a received but unprocessed message visible again at once. */
  async release(message: Message): Promise<void> {
    const log = { queue: this.options.queue, sqsMessageId: message.MessageId };
    await this.setVisibility(
      message,
      0,
      log,
      'could not release message held back behind a failure',
    );
  }

  private async settle(message: Message, heartbeat: VisibilityHeartbeat): Promise<Settled> {
    const receiveCount = Number(message.Attributes?.ApproximateReceiveCount ?? '1');
    const log = { queue: this.options.queue, sqsMessageId: message.MessageId, receiveCount };
    const decoded = decodeMessage(message.Body ?? '', this.options.queue);
    if (!decoded.ok) {
      heartbeat.stop();
      const { reason, messageId, type } = decoded;
      const delivery = { message, receiveCount, log: { ...log, messageId, type } };
      return { outcome: await this.deadLetter(delivery, reason), type: metricTypeOf(type) };
    }
    const { envelope } = decoded;
    const delivery: Delivery = {
      message,
      receiveCount,
      log: { ...log, messageId: envelope.messageId, type: envelope.type },
    };
    // The handler runs in its order's trace (the context the message carries), not the receive's.
    const failure = await inProcessSpan(
      { ...envelope, queue: this.options.queue, receiveCount },
      message,
      () => this.runHandler(envelope, delivery),
      (result) => result?.error,
    ).finally(() => heartbeat.stop());
    return { outcome: await this.settleHandled(delivery, failure), type: envelope.type };
  }

  private async settleHandled(
    delivery: Delivery,
    failure: { error: unknown } | null,
  ): Promise<ConsumeOutcome> {
    if (!failure) {
      this.delete(delivery);
      return 'success';
    }
    if (failure.error instanceof PoisonMessageError) {
      return this.deadLetter(delivery, failure.error.reason);
    }
    this.gate?.observe(failure.error);
    return this.retryLater(delivery, failure.error);
  }

  private async runHandler(
    envelope: ConsumedMessage['envelope'],
    { message, receiveCount }: Delivery,
  ): Promise<{ error: unknown } | null> {
    try {
      await correlationContext.run(envelope.correlationId, async () => {
        await this.options.dispatch({
          envelope,
          receiveCount,
          sqsMessageId: message.MessageId ?? '',
        });
        // One line per handled message, inside the correlation scope: an order's request id
        // can be followed through every app's logs.
        this.options.logger.info(
          {
            queue: this.options.queue,
            type: envelope.type,
            orderId: envelope.orderId,
            receiveCount,
          },
          'message handled',
        );
      });
      return null;
    } catch (error) {
      return { error };
    }
  }

  private async deadLetter(delivery: Delivery, reason: string): Promise<ConsumeOutcome> {
    try {
      await this.poison.forward(delivery.message, reason);
    } catch (err) {
      this.options.logger.error(
        { err, ...delivery.log, reason },
        'could not dead-letter poison message',
      );
      return this.retryLater(delivery, err);
    }
    this.options.logger.error(
      { ...delivery.log, reason },
      'poison message moved to the dead-letter queue',
    );
    this.delete(delivery);
    return 'poison';
  }

  /**
   * Hands the delete to the batcher without waiting for it: the work is committed, so the slot can
   * take the next message while the delete lingers for a batch (the consumer's stop flushes it).
   */
  private delete({ message, log }: Delivery): void {
    this.deleter.delete(message.ReceiptHandle ?? '').catch((err: unknown) => {
      // A redelivery of committed work is absorbed by the consumer's inbox.
      this.options.logger.warn({ err, ...log }, 'delete failed; SQS will redeliver the message');
    });
  }

  private async retryLater(
    { message, receiveCount, log }: Delivery,
    err: unknown,
  ): Promise<'transient'> {
    const lastAttempt = receiveCount >= this.options.maxReceiveCount;
    // After the last attempt SQS dead-letters the message at its next receive; waiting only delays that.
    const delaySeconds = lastAttempt ? 0 : retryBackoffSeconds(receiveCount, this.options.backoff);
    if (lastAttempt) {
      this.options.logger.error(
        { err, ...log },
        'message failed its last attempt; SQS dead-letters it',
      );
    } else {
      this.options.logger.warn(
        { err, ...log, delaySeconds },
        'message failed; retrying after backoff',
      );
    }
    await this.setVisibility(message, delaySeconds, log, 'could not set retry backoff');
    return 'transient';
  }

  private async setVisibility(
    message: Message,
    seconds: number,
    log: Record<string, unknown>,
    failure: string,
  ): Promise<void> {
    try {
      await this.options.sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: this.options.queueUrl,
          ReceiptHandle: message.ReceiptHandle,
          VisibilityTimeout: seconds,
        }),
      );
    } catch (err) {
      this.options.logger.warn({ err, ...log }, failure);
    }
  }
}
