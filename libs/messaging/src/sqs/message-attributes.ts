import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { Envelope } from '@conveyor/contracts';

export type MessageAttributes = Record<string, MessageAttributeValue>;

export const POISON_REASON_ATTRIBUTE = 'conveyor-poison-reason';
export const SOURCE_QUEUE_ATTRIBUTE = 'conveyor-source-queue';
/**
 * Set by a redrive on every message it moves. Dead-lettering keeps attributes, so a message that
 * fails again comes back to the DLQ carrying it and that redrive leaves it in place.
 */
export const REDRIVE_TASK_ATTRIBUTE = 'conveyor-redrive-task';
/** When a message first reached a DLQ; kept across redrives so operators see how old a failure is. */
export const FIRST_FAILED_AT_ATTRIBUTE = 'conveyor-first-failed-at';
/** Added when a consumer dead-letters a poison message; meaningless once it is back on its queue. */
const DEAD_LETTER_ATTRIBUTES = new Set([POISON_REASON_ATTRIBUTE, SOURCE_QUEUE_ATTRIBUTE]);

export function stringAttribute(value: string): MessageAttributeValue {
  return { DataType: 'String', StringValue: value };
}

/** Lets operators filter and trace messages in the console without parsing bodies. */
export function envelopeAttributes(envelope: Envelope): MessageAttributes {
  return {
    type: stringAttribute(envelope.type),
    correlationId: stringAttribute(envelope.correlationId),
  };
}

/** A received attribute map carries fields SendMessage rejects; keep only what defines the value. */
export function attributesForResend(received: MessageAttributes | undefined): MessageAttributes {
  const copy: MessageAttributes = {};
  for (const [name, value] of Object.entries(received ?? {})) {
    copy[name] = {
      DataType: value.DataType,
      StringValue: value.StringValue,
      BinaryValue: value.BinaryValue,
    };
  }
  return copy;
}

export function withoutDeadLetterAttributes(attributes: MessageAttributes): MessageAttributes {
  return Object.fromEntries(
    Object.entries(attributes).filter(([name]) => !DEAD_LETTER_ATTRIBUTES.has(name)),
  );
}

/** SQS counts the body plus every attribute's name, type and value against the size limit. */
export function messageSizeBytes(body: string, attributes: MessageAttributes): number {
  let size = Buffer.byteLength(body);
  for (const [name, value] of Object.entries(attributes)) {
    size += Buffer.byteLength(name) + Buffer.byteLength(value.DataType ?? '');
    size += Buffer.byteLength(value.StringValue ?? '') + (value.BinaryValue?.byteLength ?? 0);
  }
  return size;
}
