import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '@conveyor/config';
import { developmentKeyring, formatKeyring } from '@conveyor/field-encryption';
import { loadOrderApiConfig } from './order-api.config';

const SECRET = 'a-local-secret-of-at-least-32-characters';
const base = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/conveyor',
  AUTH_JWT_SECRET: SECRET,
};

const key = () => randomBytes(32).toString('base64');
const KEYS = { PII_KEYS_SHIPPING: `ship-1:${key()}`, PII_KEYS_PAYMENT: `pay-1:${key()}` };
const WEBHOOK_SECRET = `whsec_${randomBytes(24).toString('hex')}`;
const PRODUCTION = {
  ...base,
  NODE_ENV: 'production',
  SQS_QUEUE_PREFIX: 'conveyor-prod-',
  DATABASE_SSL: 'disable',
  STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
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
    const production = { ...PRODUCTION, ...KEYS, DEMO_SIGN_IN: 'true' };
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

describe('order API configuration: the keys of personal data in messages', () => {
  const howToSet =
    'kid:base64key[,previousKid:base64key…] (32 random bytes each: openssl rand -base64 32); the first key encrypts, all decrypt';

  it('takes a keyring per audience, the first key current and the others still opening', () => {
    const payment = `pay-2:${key()},pay-1:${key()}`;
    const { personalData } = loadOrderApiConfig({
      ...PRODUCTION,
      ...KEYS,
      PII_KEYS_PAYMENT: payment,
    });

    expect(personalData.payment.currentKeyId).toBe('pay-2');
    expect([...personalData.payment.keys.keys()]).toEqual(['pay-2', 'pay-1']);
    expect(personalData.shipping.currentKeyId).toBe('ship-1');
  });

  it('falls back to the development keyrings outside production only', () => {
    expect(loadOrderApiConfig(base).personalData).toEqual({
      shipping: developmentKeyring('shipping'),
      payment: developmentKeyring('payment'),
    });
    expect(problemsOf(PRODUCTION)).toEqual([
      `Invalid configuration: PII_KEYS_SHIPPING (unset): set PII_KEYS_SHIPPING to ${howToSet}`,
      `Invalid configuration: PII_KEYS_PAYMENT (unset): set PII_KEYS_PAYMENT to ${howToSet}`,
    ]);
  });

  it('refuses the public development key in production', () => {
    const development = formatKeyring(developmentKeyring('shipping'));
    expect(problemsOf({ ...PRODUCTION, ...KEYS, PII_KEYS_SHIPPING: development })).toEqual([
      'Invalid configuration: PII_KEYS_SHIPPING (set, value not shown): holds the public development key: set PII_KEYS_SHIPPING to keys of your own',
    ]);
  });

  it('refuses a short key without showing it', () => {
    const short = `pay-1:${randomBytes(16).toString('base64')}`;
    const problems = problemsOf({ ...base, PII_KEYS_PAYMENT: short });

    expect(problems).toEqual([
      `Invalid configuration: PII_KEYS_PAYMENT (set, value not shown): key pay-1 must be 32 random bytes in base64 (44 characters); set PII_KEYS_PAYMENT to ${howToSet}`,
    ]);
    expect(problems.join()).not.toContain(short.slice(6));
  });
});

describe('order API configuration: the Stripe webhook signing secret', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'conveyor-order-api-config-'));
  const production: Record<string, string> = { ...PRODUCTION, ...KEYS };
  const productionWithout = { ...production };
  delete productionWithout.STRIPE_WEBHOOK_SECRET;
  const shape =
    'STRIPE_WEBHOOK_SECRET must start with whsec_ (then letters and digits): the signing secret of the Stripe webhook endpoint';

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is optional outside production: unset, the endpoint answers 503', () => {
    expect(loadOrderApiConfig(base).stripeWebhookSecret).toBeUndefined();
    expect(
      loadOrderApiConfig({ ...base, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET }).stripeWebhookSecret,
    ).toBe(WEBHOOK_SECRET);
  });

  it('is required in production, saying what to set', () => {
    expect(loadOrderApiConfig(production).stripeWebhookSecret).toBe(WEBHOOK_SECRET);
    expect(problemsOf(productionWithout)).toEqual([
      'Invalid configuration: STRIPE_WEBHOOK_SECRET (unset): set STRIPE_WEBHOOK_SECRET to the signing secret (whsec_…) of the Stripe webhook endpoint https://<host>/webhooks/stripe',
    ]);
  });

  it.each([
    ['a Stripe API key', `sk_test_${randomBytes(8).toString('hex')}`],
    ['a secret the log masking would cut short', `whsec_${randomBytes(8).toString('hex')}-tail`],
    ['an empty value', ''],
  ])('refuses %s, in production or not, without showing it', (_what, value) => {
    for (const env of [base, production]) {
      const problems = problemsOf({ ...env, STRIPE_WEBHOOK_SECRET: value });
      expect(problems).toEqual([
        `Invalid configuration: STRIPE_WEBHOOK_SECRET (set, value not shown): ${shape}`,
      ]);
      if (value) expect(problems.join()).not.toContain(value);
    }
  });

  it('is read from STRIPE_WEBHOOK_SECRET_FILE, trimmed, and never from both', () => {
    const file = path.join(dir, 'stripe-webhook-secret');
    writeFileSync(file, `${WEBHOOK_SECRET}\n`);
    const fromFile = { ...productionWithout, STRIPE_WEBHOOK_SECRET_FILE: file };

    expect(loadOrderApiConfig(fromFile).stripeWebhookSecret).toBe(WEBHOOK_SECRET);
    expect(problemsOf({ ...fromFile, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET })).toEqual([
      `Invalid configuration: STRIPE_WEBHOOK_SECRET_FILE (got "${file}"): set STRIPE_WEBHOOK_SECRET or STRIPE_WEBHOOK_SECRET_FILE, not both`,
    ]);
  });
});
