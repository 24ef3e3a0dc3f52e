import { SignJWT } from 'jose';
import { AccessTokenVerifier, issueAccessToken } from './access-token';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';

describe('access tokens', () => {
  const verifier = new AccessTokenVerifier({ kind: 'hs256', secret });

  it('round-trips a customer and an admin', async () => {
    await expect(
      verifier.verify(await issueAccessToken(secret, { sub: 'alice' })),
    ).resolves.toEqual({
      customerId: 'alice',
      role: 'customer',
    });
    await expect(
      verifier.verify(await issueAccessToken(secret, { sub: 'ops', role: 'admin' })),
    ).resolves.toEqual({ customerId: 'ops', role: 'admin' });
  });

  it('rejects a token signed with another secret', async () => {
    const forged = await issueAccessToken('another-secret-another-secret-another', {
      sub: 'alice',
    });
    await expect(verifier.verify(forged)).rejects.toThrow();
  });

  it('rejects an expired token', async () => {
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuer('conveyor')
      .setAudience('conveyor-api')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(secret));
    await expect(verifier.verify(expired)).rejects.toThrow();
  });

  it('rejects an unsigned token and garbage', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const body = Buffer.from(
      JSON.stringify({ sub: 'alice', iss: 'conveyor', aud: 'conveyor-api' }),
    ).toString('base64url');
    await expect(verifier.verify(`${header}.${body}.`)).rejects.toThrow();
    await expect(verifier.verify('not-a-token')).rejects.toThrow();
  });
});
