import {
  envelopeSchema,
  MESSAGE_CATALOG,
  MESSAGE_TYPE_ALIASES,
  type MessageType,
  type QueueName,
} from '@conveyor/contracts';
import type { z } from 'zod';
import type { ConsumedMessage } from './consumer.types';

export type DecodeResult =
  | { ok: true; envelope: ConsumedMessage['envelope'] }
  | { ok: false; reason: string; messageId?: string; type?: string };

/**
 * Turns a message body into a catalog envelope, or says why it never can: no retry fixes a body
 * that is not JSON, a type this queue does not carry, another version, an order-scoped message
 * without its order, or a payload off-schema. A former type name is read as its current one.
 */
export function decodeMessage(body: string, queue: QueueName): DecodeResult {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, reason: `invalid envelope: ${describeIssues(parsed.error)}` };
  }
  const envelope = parsed.data;
  const type = currentName(envelope.type);
  const known = { messageId: envelope.messageId, type };
  if (type === undefined) {
    return {
      ok: false,
      ...known,
      type: envelope.type,
      reason: `unknown message type ${envelope.type}`,
    };
  }
  const entry = MESSAGE_CATALOG[type];
  const mismatch = describeMismatch(entry, envelope, queue);
  if (mismatch) return { ok: false, ...known, reason: `${type} ${mismatch}` };
  const payload = entry.payload.safeParse(envelope.payload);
  if (!payload.success) {
    return { ok: false, ...known, reason: `invalid payload: ${describeIssues(payload.error)}` };
  }
  return {
    ok: true,
    envelope: { ...envelope, type, payload: payload.data } as ConsumedMessage['envelope'],
  };
}

function currentName(type: string): MessageType | undefined {
  if (Object.hasOwn(MESSAGE_CATALOG, type)) return type as MessageType;
  if (Object.hasOwn(MESSAGE_TYPE_ALIASES, type)) {
    return MESSAGE_TYPE_ALIASES[type as keyof typeof MESSAGE_TYPE_ALIASES];
  }
  return undefined;
}

function describeMismatch(
  entry: (typeof MESSAGE_CATALOG)[MessageType],
  envelope: { version: number; orderId: string | null },
  queue: QueueName,
): string | undefined {
  if (entry.queue !== queue) return `belongs on ${entry.queue}, not ${queue}`;
  if (entry.version !== envelope.version) {
    return `version ${envelope.version} is not the supported ${entry.version}`;
  }
  if (!entry.orderId.safeParse(envelope.orderId).success) {
    return envelope.orderId === null
      ? 'names no order (orderId is null)'
      : 'is not about one order (orderId must be null)';
  }
  return undefined;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
