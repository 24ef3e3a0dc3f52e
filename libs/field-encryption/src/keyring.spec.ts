import { randomBytes } from 'node:crypto';
import { developmentKeyring, formatKeyring, holdsDevelopmentKey, parseKeyring } from './keyring';

const key = () => randomBytes(32).toString('base64');

describe('parseKeyring', () => {
  it('takes the first entry as the current key and keeps the others for opening', () => {
    const ring = parseKeyring(
      ` 2026-12:${key()} , 2026-06:${randomBytes(32).toString('base64url')}`,
    );

    expect(ring.currentKeyId).toBe('2026-12');
    expect([...ring.keys.keys()]).toEqual(['2026-12', '2026-06']);
    expect(parseKeyring(formatKeyring(ring))).toEqual(ring);
  });

  it.each([
    ['nothing', ''],
    ['a key without an id', key()],
    ['a short key', `k1:${randomBytes(16).toString('base64')}`],
    ['an id with a dot', `k.1:${key()}`],
    ['the same id twice', `k1:${key()},k1:${key()}`],
  ])('refuses %s, without showing a key', (_, spec) => {
    let message = '';
    try {
      parseKeyring(spec);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toBe('');
    for (const part of spec.split(/[,:]/).filter((part) => part.length > 20)) {
      expect(message).not.toContain(part);
    }
  });

  it('recognises the public development key of an audience, and only of that audience', () => {
    const development = developmentKeyring('shipping');

    expect(holdsDevelopmentKey(development, 'shipping')).toBe(true);
    expect(holdsDevelopmentKey(development, 'payment')).toBe(false);
    expect(holdsDevelopmentKey(parseKeyring(`k1:${key()}`), 'shipping')).toBe(false);
  });
});
