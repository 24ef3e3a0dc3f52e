/**
 * A sealed field that cannot be opened: its key is not in this consumer's keyring (another
 * audience's field, or a key dropped too early), or its ciphertext, tag or binding was altered.
 * No retry changes that, so a consumer treats the message as poison.
 */
export class FieldDecryptionError extends Error {
  readonly code = 'PERSONAL_DATA.UNREADABLE_FIELD';

  constructor(
    readonly field: string,
    readonly reason: 'malformed' | 'unknown key' | 'not authentic',
    readonly keyId?: string,
  ) {
    super(`cannot open ${field}: ${reason}${keyId ? ` (key ${keyId})` : ''}`);
    this.name = 'FieldDecryptionError';
  }
}
