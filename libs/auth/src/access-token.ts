import { SignJWT, createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';

export type Role = 'customer' | 'admin';

export interface Principal {
  customerId: string;
  role: Role;
}

export const TOKEN_ISSUER = 'conveyor';
export const TOKEN_AUDIENCE = 'conveyor-api';

/** Signs a customer (or admin) token with the shared HS256 secret, as the local stack does. */
export async function issueAccessToken(
  secret: string,
  principal: { sub: string; role?: Role },
  expiresIn: string = '12h',
): Promise<string> {
  const claims = principal.role === 'admin' ? { role: 'admin' } : {};
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.sub)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

export type VerifierOptions =
  | { kind: 'hs256'; secret: string }
  | { kind: 'jwks'; url: string; issuer?: string; audience?: string };

/**
 * Verifies bearer tokens: HS256 with a shared secret locally, or RS256 against an identity
 * provider's JWKS in production. Only the algorithm configured is accepted, never `none`.
 */
export class AccessTokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;

  constructor(private readonly options: VerifierOptions) {
    this.key =
      options.kind === 'hs256'
        ? new TextEncoder().encode(options.secret)
        : createRemoteJWKSet(new URL(options.url));
  }

  /** Resolves the principal, or rejects for a missing, forged, expired or malformed token. */
  async verify(token: string): Promise<Principal> {
    const hs256 = this.options.kind === 'hs256';
    const { payload } = await jwtVerify(token, this.key as Uint8Array, {
      algorithms: hs256 ? ['HS256'] : ['RS256'],
      issuer: hs256 ? TOKEN_ISSUER : this.options.issuer,
      audience: hs256 ? TOKEN_AUDIENCE : this.options.audience,
    });
    if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 200) {
      throw new Error('token has no usable subject');
    }
    return { customerId: payload.sub, role: payload.role === 'admin' ? 'admin' : 'customer' };
  }
}
