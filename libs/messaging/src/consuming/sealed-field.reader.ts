import type { z } from 'zod';
import {
  FieldDecryptionError,
  type FieldBinding,
  type FieldCipher,
} from '@conveyor/field-encryption';
import { PoisonMessageError } from './consumer.errors';

/**
 * Opens a sealed field of a consumed message and checks what it holds. A field this consumer
 * cannot open (a key it does not hold, altered bytes, another order's field) or that holds the
 * wrong shape fails the same way on every delivery: poison, dead-lettered at once, with a reason
 * that names the field and key id but never the content.
 */
export function openSealedField<T>(
  cipher: FieldCipher,
  sealed: string,
  binding: FieldBinding,
  schema: z.ZodType<T>,
): T {
  let value: unknown;
  try {
    value = cipher.open(sealed, binding);
  } catch (error) {
    if (error instanceof FieldDecryptionError) {
      throw new PoisonMessageError(error.message, { cause: error });
    }
    throw error;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new PoisonMessageError(`${binding.field} opened but is not a valid ${binding.field}`);
  }
  return parsed.data;
}
