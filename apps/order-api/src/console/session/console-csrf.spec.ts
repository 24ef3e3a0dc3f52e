import { csrfTokenFor, isSameOrigin, isValidCsrfToken } from './console-csrf';

describe('console CSRF', () => {
  const cookie = 'eyJhbGciOiJIUzI1NiJ9.session-one.signature';

  it('derives a stable token per session that differs between sessions', () => {
    expect(csrfTokenFor(cookie)).toBe(csrfTokenFor(cookie));
    expect(csrfTokenFor(cookie)).not.toBe(csrfTokenFor(`${cookie}x`));
    expect(csrfTokenFor(cookie)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrfTokenFor(cookie)).not.toContain(cookie);
  });

  it("accepts only the session's own token", () => {
    expect(isValidCsrfToken(cookie, csrfTokenFor(cookie))).toBe(true);
    expect(isValidCsrfToken(cookie, csrfTokenFor('another session'))).toBe(false);
    expect(isValidCsrfToken(cookie, '')).toBe(false);
    expect(isValidCsrfToken(cookie, undefined)).toBe(false);
    expect(isValidCsrfToken(cookie, ['a'])).toBe(false);
    expect(isValidCsrfToken(cookie, csrfTokenFor(cookie).slice(1))).toBe(false);
  });

  it('accepts a state-changing request only from the same origin', () => {
    const host = '127.0.0.1:3000';
    expect(isSameOrigin({ 'sec-fetch-site': 'same-origin', origin: 'null', host })).toBe(true);
    expect(isSameOrigin({ 'sec-fetch-site': 'cross-site', origin: `http://${host}`, host })).toBe(
      false,
    );
    expect(isSameOrigin({ 'sec-fetch-site': 'same-site', host })).toBe(false);
    expect(isSameOrigin({ origin: 'http://127.0.0.1:3000', host })).toBe(true);
    expect(isSameOrigin({ origin: 'https://ops.example.com', host: 'OPS.example.com' })).toBe(true);
    expect(isSameOrigin({ origin: 'https://evil.example', host })).toBe(false);
    expect(isSameOrigin({ origin: 'http://127.0.0.1:3001', host })).toBe(false);
    expect(isSameOrigin({ host })).toBe(false);
    expect(isSameOrigin({ origin: 'null', host })).toBe(false);
    expect(isSameOrigin({ origin: 'not a url', host })).toBe(false);
  });
});
