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
    expect(isSameOrigin('http://127.0.0.1:3000', '127.0.0.1:3000')).toBe(true);
    expect(isSameOrigin('https://ops.example.com', 'OPS.example.com')).toBe(true);
    expect(isSameOrigin('https://evil.example', 'ops.example.com')).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:3001', '127.0.0.1:3000')).toBe(false);
    expect(isSameOrigin(undefined, '127.0.0.1:3000')).toBe(false);
    expect(isSameOrigin('null', '127.0.0.1:3000')).toBe(false);
    expect(isSameOrigin('not a url', '127.0.0.1:3000')).toBe(false);
  });
});
