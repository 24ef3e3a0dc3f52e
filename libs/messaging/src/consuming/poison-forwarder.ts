import {
  type Message,
  SendMessageCommand,
  type SendMessageCommandInput,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { QueueName } from '@conveyor/contracts';
import {
  attributesForResend,
  messageSizeBytes,
  POISON_REASON_ATTRIBUTE,
  FIRST_FAILED_AT_ATTRIBUTE,
  SOURCE_QUEUE_ATTRIBUTE,
  stringAttribute,
  type MessageAttributes,
} from '../sqs/message-attributes';
import type { QueueMode } from '../topology/queue-topology';

const MAX_REASON_LENGTH = 1000;
/** SQS's message size limit (body plus attributes). */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

export interface PoisonForwarderOptions {
  sqs: SQSClient;
  queue: QueueName;
  dlqUrl: string;
  mode: QueueMode;
}

/**
 * Copies a poison message to the dead-letter queue unchanged, labelled with why it was rejected,
 * so it does not burn maxReceiveCount retries that cannot succeed.
 */
export class PoisonForwarder {
  constructor(private readonly options: PoisonForwarderOptions) {}

  async forward(message: Message, reason: string): Promise<void> {
    const input: SendMessageCommandInput = {
      QueueUrl: this.options.dlqUrl,
      MessageBody: message.Body,
      MessageAttributes: this.labelsThatFit(message, reason),
    };
    if (this.options.mode === 'fifo') {
      input.MessageGroupId = message.Attributes?.MessageGroupId ?? message.MessageId;
      // Stable per delivered message: a retry after a failed delete does not duplicate it.
      input.MessageDeduplicationId = `poison-${message.MessageId}`;
    }
    await this.options.sqs.send(new SendMessageCommand(input));
  }

  /**
   * The original attributes plus the reason, unless that would push a message near the size
   * limit over it: then the labels give way, because the body must reach the DLQ intact (the
   * reason is in the consumer's log either way).
   */
  private labelsThatFit(message: Message, reason: string): MessageAttributes {
    const body = message.Body ?? '';
    const labelled: MessageAttributes = {
      [FIRST_FAILED_AT_ATTRIBUTE]: stringAttribute(new Date().toISOString()),
      ...attributesForResend(message.MessageAttributes),
      [POISON_REASON_ATTRIBUTE]: stringAttribute(reason.slice(0, MAX_REASON_LENGTH)),
      [SOURCE_QUEUE_ATTRIBUTE]: stringAttribute(this.options.queue),
    };
    if (messageSizeBytes(body, labelled) <= MAX_MESSAGE_BYTES) return labelled;
    const original = attributesForResend(message.MessageAttributes);
    return messageSizeBytes(body, original) <= MAX_MESSAGE_BYTES ? original : {};
  }
}
