import {
  type Message,
  SendMessageCommand,
  type SendMessageCommandInput,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { QueueName } from '@conveyor/contracts';
import {
  attributesForResend,
  POISON_REASON_ATTRIBUTE,
  SOURCE_QUEUE_ATTRIBUTE,
  stringAttribute,
} from '../sqs/message-attributes';
import type { QueueMode } from '../topology/queue-topology';

const MAX_REASON_LENGTH = 1000;

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
      MessageAttributes: {
        ...attributesForResend(message.MessageAttributes),
        [POISON_REASON_ATTRIBUTE]: stringAttribute(reason.slice(0, MAX_REASON_LENGTH)),
        [SOURCE_QUEUE_ATTRIBUTE]: stringAttribute(this.options.queue),
      },
    };
    if (this.options.mode === 'fifo') {
      input.MessageGroupId = message.Attributes?.MessageGroupId ?? message.MessageId;
      // Stable per delivered message: a retry after a failed delete does not duplicate it.
      input.MessageDeduplicationId = `poison-${message.MessageId}`;
    }
    await this.options.sqs.send(new SendMessageCommand(input));
  }
}
