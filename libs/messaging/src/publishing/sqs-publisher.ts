import {
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Envelope, QueueName } from '@conveyor/contracts';
import { envelopeAttributes, messageSizeBytes } from '../sqs/message-attributes';
import { serializeEnvelope } from '../sqs/message-body';
import type { QueueDirectory } from '../topology/queue-directory';
import type { QueueMode } from '../topology/queue-topology';
import { chunkForBatch, MAX_BATCH_BYTES } from './batch-chunker';

export interface OutgoingMessage {
  /** The caller's key for this message (an outbox row id); results are reported by it. */
  id: string;
  queue: QueueName;
  envelope: Envelope;
}

export interface PublishFailure {
  id: string;
  code: string;
  message: string;
}

export interface PublishResult {
  sent: string[];
  failed: PublishFailure[];
}

export interface SqsPublisherOptions {
  sqs: SQSClient;
  directory: QueueDirectory;
  mode: QueueMode;
}

interface PreparedEntry {
  id: string;
  sizeBytes: number;
  entry: Omit<SendMessageBatchRequestEntry, 'Id'>;
}

/**
 * Sends envelopes with SendMessageBatch. Entry-level failures come back per id so an outbox can
 * retry exactly those; a failure of a whole call (network, permissions) throws.
 */
export class SqsPublisher {
  constructor(private readonly options: SqsPublisherOptions) {}

  async publish(messages: readonly OutgoingMessage[]): Promise<PublishResult> {
    const result: PublishResult = { sent: [], failed: [] };
    const sends: Promise<PublishResult>[] = [];
    for (const [queue, entries] of this.groupByQueue(messages)) {
      const { chunks, oversized } = chunkForBatch(entries);
      for (const entry of oversized) {
        result.failed.push({
          id: entry.id,
          code: 'MessageTooLong',
          message: `Message is ${entry.sizeBytes} bytes; the limit is ${MAX_BATCH_BYTES}`,
        });
      }
      const queueUrl = this.options.directory[queue].workUrl;
      sends.push(...chunks.map((chunk) => this.sendBatch(queueUrl, chunk)));
    }
    for (const batch of await Promise.all(sends)) {
      result.sent.push(...batch.sent);
      result.failed.push(...batch.failed);
    }
    return result;
  }

  private groupByQueue(messages: readonly OutgoingMessage[]): Map<QueueName, PreparedEntry[]> {
    const groups = new Map<QueueName, PreparedEntry[]>();
    for (const message of messages) {
      const entries = groups.get(message.queue) ?? [];
      entries.push(this.prepare(message));
      groups.set(message.queue, entries);
    }
    return groups;
  }

  private prepare({ id, envelope }: OutgoingMessage): PreparedEntry {
    const body = serializeEnvelope(envelope);
    const attributes = envelopeAttributes(envelope);
    const entry: PreparedEntry['entry'] = { MessageBody: body, MessageAttributes: attributes };
    if (this.options.mode === 'fifo') {
      // Per-order ordering; messages without an order are independent of each other.
      entry.MessageGroupId = envelope.orderId ?? envelope.messageId;
      entry.MessageDeduplicationId = envelope.messageId;
    }
    return { id, sizeBytes: messageSizeBytes(body, attributes), entry };
  }

  private async sendBatch(queueUrl: string, chunk: PreparedEntry[]): Promise<PublishResult> {
    // Batch entry ids must be short and alphanumeric; caller ids need not be, so use positions.
    const entries = chunk.map((item, index) => ({ Id: String(index), ...item.entry }));
    const response = await this.options.sqs.send(
      new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }),
    );
    const sentPositions = new Set((response.Successful ?? []).map((entry) => entry.Id));
    const failures = new Map((response.Failed ?? []).map((entry) => [entry.Id, entry]));
    const result: PublishResult = { sent: [], failed: [] };
    for (const [index, item] of chunk.entries()) {
      const position = String(index);
      if (sentPositions.has(position)) {
        result.sent.push(item.id);
        continue;
      }
      const failure = failures.get(position);
      result.failed.push({
        id: item.id,
        code: failure?.Code ?? 'MissingFromResponse',
        message: failure?.Message ?? 'SQS reported neither success nor failure for this entry',
      });
    }
    return result;
  }
}
