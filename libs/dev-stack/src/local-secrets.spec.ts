import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { localJwtSecret, localStripeWebhookSecret } from './local-secrets';

describe('the local stack’s secrets', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'conveyor-local-secrets-')), '.data');
  });

  afterEach(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }));

  it('makes the webhook secret once, shaped as Stripe’s, readable by its owner only', () => {
    const secret = localStripeWebhookSecret(dataDir);
    const file = path.join(dataDir, 'stripe-webhook-secret');

    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(readFileSync(file, 'utf8')).toBe(`${secret}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(localStripeWebhookSecret(dataDir)).toBe(secret);
  });

  it('keeps each secret in its own file', () => {
    const webhook = localStripeWebhookSecret(dataDir);
    const jwt = localJwtSecret(dataDir, true);

    expect(jwt).not.toBe(webhook);
    expect(localJwtSecret(dataDir, false)).toBe(jwt);
  });

  it('reads the token secret without making one when asked not to, saying what to do', () => {
    expect(() => localJwtSecret(dataDir, false)).toThrow(
      `No ${path.join(dataDir, 'auth-jwt-secret')} yet: run \`npm start\` once, or set AUTH_JWT_SECRET`,
    );
  });
});
