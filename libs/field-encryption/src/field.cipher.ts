import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { FieldDecryptionError } from './field-encryption.errors';
import type { Keyring } from './keyring';

const FORMAT = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A sealed field as it travels: `v1.<kid>.<iv>.<ciphertext+tag>`, base64url parts. The same
 * shape as `encryptedFieldSchema` in @conveyor/contracts (a spec holds the two together).
 */
export const SEALED_FIELD_PATTERN =
  /^v1\.([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{23,})$/;

/**
 * What a sealed field belongs to. Both are authenticated (AES-GCM associated data), so a field
 * copied into another order's message, or into another field, fails to open.
 */
export interface FieldBinding {
  orderId: string;
  field: string;
}

/**
 * Field-level encryption with AES-256-GCM: each value gets a fresh random 96-bit IV and is
 * sealed under the keyring's current key, whose id travels with it so that a rotated keyring
 * still opens it.
 */
export class FieldCipher {
  constructor(private readonly keyring: Keyring) {}

  seal(value: unknown, binding: FieldBinding): string {
    const kid = this.keyring.currentKeyId;
    const key = this.keyring.keys.get(kid);
    if (!key) throw new Error(`the current key ${kid} is not in the keyring`);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv);
    cipher.setAAD(associatedData(kid, binding));
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    const sealed = Buffer.concat([body, cipher.getAuthTag()]);
    return [FORMAT, kid, iv.toString('base64url'), sealed.toString('base64url')].join('.');
  }

  /** The value `seal` was given; throws FieldDecryptionError when it cannot be had. */
  open(sealed: string, binding: FieldBinding): unknown {
    const match = SEALED_FIELD_PATTERN.exec(sealed);
    if (!match) throw new FieldDecryptionError(binding.field, 'malformed');
    const [, kid, iv, body] = match;
    const key = this.keyring.keys.get(kid);
    if (!key) throw new FieldDecryptionError(binding.field, 'unknown key', kid);
    const bytes = Buffer.from(body, 'base64url');
    try {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(associatedData(kid, binding));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return JSON.parse(plain.toString('utf8'));
    } catch {
      throw new FieldDecryptionError(binding.field, 'not authentic', kid);
    }
  }
}

/** The id of the key a sealed field names, or undefined for anything else (for masking). */
export function sealedFieldKeyId(value: unknown): string | undefined {
  return typeof value === 'string' ? SEALED_FIELD_PATTERN.exec(value)?.[1] : undefined;
}

function associatedData(kid: string, binding: FieldBinding): Buffer {
  return Buffer.from(`${FORMAT}.${kid}|${binding.orderId}|${binding.field}`, 'utf8');
}
