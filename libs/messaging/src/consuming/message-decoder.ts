import {
  envelopeSchema,
  MESSAGE_CATALOG,
  type MessageType,
  type QueueName,
} from '@conveyor/contracts';
import type { z } from 'zod';
import type { CatalogEnvelope } from './consumer.types';

export type DecodeResult =
  | { ok: true; envelope: CatalogEnvelope }
  | { ok: false; reason: string; messageId?: string; type?: string };

/**
 * Turns a message body into a catalog envelope, or says why it never can: no retry fixes a body
 * that is not JSON, a type this queue does not carry, another version, or a payload off-schema.
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
  const known = { messageId: envelope.messageId, type: envelope.type };
  if (!Object.hasOwn(MESSAGE_CATALOG, envelope.type)) {
    return { ok: false, ...known, reason: `unknown message type ${envelope.type}` };
  }
  const entry = MESSAGE_CATALOG[envelope.type as MessageType];
  if (entry.queue !== queue) {
    return {
      ok: false,
      ...known,
      reason: `${envelope.type} belongs on ${entry.queue}, not ${queue}`,
    };
  }
  if (entry.version !== envelope.version) {
    const reason = `${envelope.type} version ${envelope.version} is not the supported ${entry.version}`;
    return { ok: false, ...known, reason };
  }
  const payload = entry.payload.safeParse(envelope.payload);
  if (!payload.success) {
    return { ok: false, ...known, reason: `invalid payload: ${describeIssues(payload.error)}` };
  }
  return { ok: true, envelope: { ...envelope, payload: payload.data } as CatalogEnvelope };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
