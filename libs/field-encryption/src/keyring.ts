import { createHash } from 'node:crypto';

/** A key id: short, and safe inside the dotted sealed-field format and a URL. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const KEY_BYTES = 32;

/**
 * The keys of one audience (the consumers allowed to read one kind of field). The current key
 * seals; every key opens, so a field sealed before a rotation still opens after it.
 */
export interface Keyring {
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/**
 * Reads `kid:base64key[,kid:base64key…]`: the first entry is the current key, the others are
 * previous keys still accepted for opening. Each key is 32 random bytes (AES-256), in base64 or
 * base64url. Throws with a message that never shows a key.
 */
export function parseKeyring(spec: string): Keyring {
  const entries = spec
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error('no key: give kid:base64key');
  const keys = new Map<string, Buffer>();
  for (const entry of entries) {
    const separator = entry.indexOf(':');
    const kid = separator > 0 ? entry.slice(0, separator) : '';
    if (!KEY_ID_PATTERN.test(kid)) {
      throw new Error('each entry is kid:base64key, kid of letters, digits, - and _ (≤ 32)');
    }
    if (keys.has(kid)) throw new Error(`key id ${kid} appears twice`);
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (key.length !== KEY_BYTES) {
      throw new Error(`key ${kid} must be ${KEY_BYTES} random bytes in base64 (44 characters)`);
    }
    keys.set(kid, key);
  }
  return { currentKeyId: entries[0].slice(0, entries[0].indexOf(':')), keys };
}

/**
 * The well-known key development and tests use when no key is configured, one per audience, so
 * `npm start` and every local process agree without setup. Derived from a public string: it
 * protects nothing, and production refuses it (see isDevelopmentKeyring).
 */
export function developmentKeyring(audience: string): Keyring {
  const key = createHash('sha256').update(`conveyor development ${audience} key`).digest();
  return { currentKeyId: DEVELOPMENT_KEY_ID, keys: new Map([[DEVELOPMENT_KEY_ID, key]]) };
}

export const DEVELOPMENT_KEY_ID = 'dev';

/** Whether any key of `keyring` is the public development key of `audience`. */
export function holdsDevelopmentKey(keyring: Keyring, audience: string): boolean {
  const development = developmentKeyring(audience).keys.get(DEVELOPMENT_KEY_ID);
  return [...keyring.keys.values()].some((key) => development?.equals(key));
}

/** The `kid:base64key` form of a keyring, as the variables take it (tests and the local stack). */
export function formatKeyring(keyring: Keyring): string {
  const ids = [
    keyring.currentKeyId,
    ...[...keyring.keys.keys()].filter((id) => id !== keyring.currentKeyId),
  ];
  return ids.map((id) => `${id}:${keyring.keys.get(id)?.toString('base64')}`).join(',');
}
