import { ConfigError } from '@conveyor/config';
import { loadOrderApiConfig } from './order-api.config';

const SECRET = 'a-local-secret-of-at-least-32-characters';
const base = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/conveyor',
  AUTH_JWT_SECRET: SECRET,
};

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadOrderApiConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('order API configuration: the storefront demo sign-in', () => {
  it('is off unless DEMO_SIGN_IN is set, and signs with the HS256 secret when on', () => {
    expect(loadOrderApiConfig(base).demoSignIn).toBeUndefined();
    expect(loadOrderApiConfig({ ...base, DEMO_SIGN_IN: 'true' }).demoSignIn).toEqual({
      secret: SECRET,
    });
  });

  it('is refused in production, saying so', () => {
    const production = {
      ...base,
      NODE_ENV: 'production',
      SQS_QUEUE_PREFIX: 'conveyor-prod-',
      DATABASE_SSL: 'disable',
      DEMO_SIGN_IN: 'true',
    };
    expect(problemsOf(production)).toEqual([
      'Invalid configuration: DEMO_SIGN_IN (got "true"): a local-demo switch that signs anyone in: unset it when NODE_ENV=production',
    ]);
    expect(loadOrderApiConfig({ ...production, DEMO_SIGN_IN: 'false' }).demoSignIn).toBeUndefined();
  });

  it('is refused when tokens come from an identity provider rather than the shared secret', () => {
    const jwks = {
      DATABASE_URL: base.DATABASE_URL,
      AUTH_JWKS_URL: 'https://id.example.com/.well-known/jwks.json',
      DEMO_SIGN_IN: 'true',
    };
    expect(problemsOf(jwks)).toEqual([
      'Invalid configuration: DEMO_SIGN_IN (got "true"): demo sign-in signs tokens with AUTH_JWT_SECRET: set it (and not AUTH_JWKS_URL), or unset DEMO_SIGN_IN',
    ]);
  });
});
