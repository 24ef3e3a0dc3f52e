import { randomBytes } from 'node:crypto';
import { encryptedFieldSchema } from '@conveyor/contracts';
import { FieldCipher, SEALED_FIELD_PATTERN, sealedFieldKeyId } from './field.cipher';
import { FieldDecryptionError } from './field-encryption.errors';
import { parseKeyring } from './keyring';

const key = () => randomBytes(32).toString('base64');
const ORDER = { orderId: '0b6f5c1e-8a51-4e0e-9d1b-1f2a3b4c5d6e', field: 'shippingAddress' };
const ADDRESS = { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London' };

function failure(work: () => unknown): FieldDecryptionError {
  try {
    work();
  } catch (error) {
    if (error instanceof FieldDecryptionError) return error;
    throw error;
  }
  throw new Error('expected a FieldDecryptionError');
}

/** Replaces one character of the sealed field's part `index` (1 kid, 2 iv, 3 ciphertext+tag). */
function tamper(sealed: string, index: number, at: number): string {
  const parts = sealed.split('.');
  const chars = [...parts[index]];
  chars[at] = chars[at] === 'A' ? 'B' : 'A';
  parts[index] = chars.join('');
  return parts.join('.');
}

describe('FieldCipher (AES-256-GCM)', () => {
  const ring = parseKeyring(`k2:${key()},k1:${key()}`);
  const cipher = new FieldCipher(ring);

  it('opens what it sealed, and the sealed form shows neither the value nor its length', () => {
    const sealed = cipher.seal(ADDRESS, ORDER);

    expect(cipher.open(sealed, ORDER)).toEqual(ADDRESS);
    expect(sealed).toMatch(SEALED_FIELD_PATTERN);
    expect(sealed).not.toContain('Lovelace');
    expect(sealedFieldKeyId(sealed)).toBe('k2');
    expect(encryptedFieldSchema.safeParse(sealed).success).toBe(true);
  });

  it('uses a fresh IV every time: the same value seals differently', () => {
    const seals = new Set(Array.from({ length: 20 }, () => cipher.seal('pm_card_visa', ORDER)));
    expect(seals.size).toBe(20);
    expect(new Set([...seals].map((sealed) => sealed.split('.')[2])).size).toBe(20);
  });

  it('still opens a field sealed with the previous key after a rotation', () => {
    const [previous, current] = [key(), key()];
    const before = new FieldCipher(parseKeyring(`old:${previous}`)).seal(ADDRESS, ORDER);
    const rotated = new FieldCipher(parseKeyring(`new:${current},old:${previous}`));

    expect(rotated.open(before, ORDER)).toEqual(ADDRESS);
    expect(sealedFieldKeyId(rotated.seal(ADDRESS, ORDER))).toBe('new');
  });

  it('refuses a key id it does not hold: another audience, or a key dropped too early', () => {
    const otherAudience = new FieldCipher(parseKeyring(`pay1:${key()}`));
    const error = failure(() => otherAudience.open(cipher.seal(ADDRESS, ORDER), ORDER));

    expect(error).toMatchObject({ reason: 'unknown key', keyId: 'k2', field: 'shippingAddress' });
    expect(error.code).toBe('PERSONAL_DATA.UNREADABLE_FIELD');
  });

  it('refuses a key with the right id but other bytes', () => {
    const impostor = new FieldCipher(parseKeyring(`k2:${key()}`));
    expect(failure(() => impostor.open(cipher.seal(ADDRESS, ORDER), ORDER)).reason).toBe(
      'not authentic',
    );
  });

  it.each([
    ['the ciphertext', 3, 0],
    ['the tag', 3, -1],
    ['the IV', 2, 0],
  ])('refuses a field whose %s was altered', (_, part, at) => {
    const sealed = cipher.seal(ADDRESS, ORDER);
    const index = at < 0 ? sealed.split('.')[part].length - 2 : at;
    expect(failure(() => cipher.open(tamper(sealed, part, index), ORDER)).reason).toBe(
      'not authentic',
    );
  });

  it('refuses a field moved to another order or into another field (associated data)', () => {
    const sealed = cipher.seal(ADDRESS, ORDER);
    const otherOrder = { ...ORDER, orderId: '7c2d9e4f-1a2b-4c3d-8e9f-0a1b2c3d4e5f' };

    expect(failure(() => cipher.open(sealed, otherOrder)).reason).toBe('not authentic');
    expect(failure(() => cipher.open(sealed, { ...ORDER, field: 'paymentMethod' })).reason).toBe(
      'not authentic',
    );
  });

  it('refuses a key id rewritten to another key it holds (the key id is authenticated)', () => {
    const sealed = cipher.seal(ADDRESS, ORDER);
    expect(failure(() => cipher.open(sealed.replace('.k2.', '.k1.'), ORDER)).reason).toBe(
      'not authentic',
    );
  });

  it('refuses what is not a sealed field at all', () => {
    expect(failure(() => cipher.open('12 St James Square', ORDER)).reason).toBe('malformed');
    expect(sealedFieldKeyId({ name: 'Ada' })).toBeUndefined();
  });
});
