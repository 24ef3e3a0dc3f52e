import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The local stack's token secret: random, made once per machine and kept in the data directory
 * (git-ignored), so no secret is ever committed and tokens survive restarts.
 */
export function localJwtSecret(dataDir: string, create: boolean): string {
  return localSecret(dataDir, 'auth-jwt-secret', create, {
    variable: 'AUTH_JWT_SECRET',
    generate: () => randomBytes(32).toString('base64url'),
  });
}

/**
 * The signing secret of the webhooks the local Stripe emulator sends to the order API, made and
 * kept like the token secret. Hex after `whsec_`, as Stripe's own are letters and digits: the
 * order API accepts no other shape, and the log masking hides all of it.
 */
export function localStripeWebhookSecret(dataDir: string): string {
  return localSecret(dataDir, 'stripe-webhook-secret', true, {
    variable: 'STRIPE_WEBHOOK_SECRET',
    generate: () => `whsec_${randomBytes(32).toString('hex')}`,
  });
}

function localSecret(
  dataDir: string,
  name: string,
  create: boolean,
  how: { variable: string; generate: () => string },
): string {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if (!create) {
    throw new Error(`No ${file} yet: run \`npm start\` once, or set ${how.variable}`);
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = how.generate();
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
