import type { Envelope } from '@conveyor/contracts';

/**
 * Serializes an envelope as ASCII-only JSON: every non-ASCII character becomes a \uXXXX escape.
 * SQS accepts only part of Unicode in a message body (no U+FFFE/U+FFFF, and some emulators no
 * characters beyond U+FFFF), while customers' names and addresses may hold anything. Escaped,
 * the same JSON.parse on the consumer side restores the exact text.
 */
export function serializeEnvelope(envelope: Envelope): string {
  return JSON.stringify(envelope).replace(
    /[\u007f-\uffff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
