import { credentialsOf, CrossSiteRequestError, SESSION_COOKIE } from './session.cookie';

const host = 'shop.example.com:3000';
const cookies = { [SESSION_COOKIE]: 'cookie-token' };

describe('credentialsOf', () => {
  it('prefers the Authorization header, as before, whatever the cookie or Origin', () => {
    const request = {
      method: 'POST',
      headers: { authorization: 'Bearer header-token', origin: 'https://evil.example', host },
      cookies,
    };
    expect(credentialsOf(request)).toEqual({ token: 'header-token', viaCookie: false });
    const malformed = { ...request, headers: { authorization: 'Basic abc', host } };
    expect(credentialsOf(malformed)).toBeUndefined();
  });

  it('takes the session cookie on reads without asking where they come from', () => {
    expect(credentialsOf({ method: 'GET', headers: { host }, cookies })).toEqual({
      token: 'cookie-token',
      viaCookie: true,
    });
    expect(credentialsOf({ method: 'GET', headers: { host } })).toBeUndefined();
  });

  it('takes the session cookie on a write only from a page of the same host', () => {
    const write = (origin?: string) => () =>
      credentialsOf({ method: 'POST', headers: { host, origin }, cookies });
    expect(write(`http://${host}`)()).toEqual({ token: 'cookie-token', viaCookie: true });
    expect(write('http://evil.example')).toThrow(CrossSiteRequestError);
    expect(write('http://shop.example.com:4000')).toThrow(CrossSiteRequestError);
    expect(write('null')).toThrow(CrossSiteRequestError);
    expect(write(undefined)).toThrow(CrossSiteRequestError);
  });

  it('trusts Fetch Metadata where the browser sends it, whatever Origin says', () => {
    const write = (site: string, origin?: string) => () =>
      credentialsOf({
        method: 'DELETE',
        headers: { host, origin, 'sec-fetch-site': site },
        cookies,
      });
    // A page under Referrer-Policy: no-referrer posts with Origin: null.
    expect(write('same-origin', 'null')()).toEqual({ token: 'cookie-token', viaCookie: true });
    expect(write('same-site', `http://${host}`)).toThrow(CrossSiteRequestError);
    expect(write('cross-site', `http://${host}`)).toThrow(CrossSiteRequestError);
    expect(write('none')).toThrow(CrossSiteRequestError);
  });
});
