import { developmentKeyring, formatKeyring } from '@conveyor/field-encryption';
import type { ConveyorApp } from '@conveyor/dev-stack';
import { secretFile, type ProductionSetup } from './production-env';

/** One setting a production app must refuse, and the one line it must print. */
export interface Refusal {
  what: string;
  unset?: string[];
  set?: Record<string, string>;
  line: string;
}

const MISSING_FILE = '/run/secrets/conveyor-test-no-such-secret';
const refused = (variable: string, shown: string, message: string) =>
  `Invalid configuration: ${variable} (${shown}): ${message}`;

export function withRefusal(env: Record<string, string>, refusal: Refusal) {
  const changed = { ...env, ...refusal.set };
  for (const name of refusal.unset ?? []) delete changed[name];
  return changed;
}

/** What every app refuses in production: the database settings and test-only switches. */
function serviceRefusals(setup: ProductionSetup): Refusal[] {
  const urlFile = secretFile(setup, 'database-url', 'postgres://postgres@127.0.0.1:5432/x');
  return [
    {
      what: 'no DATABASE_URL',
      unset: ['DATABASE_URL'],
      line: refused(
        'DATABASE_URL',
        'unset',
        'set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/conveyor',
      ),
    },
    {
      what: 'DATABASE_URL and DATABASE_URL_FILE both',
      set: { DATABASE_URL_FILE: urlFile },
      line: refused(
        'DATABASE_URL_FILE',
        `got "${urlFile}"`,
        'set DATABASE_URL or DATABASE_URL_FILE, not both',
      ),
    },
    {
      what: 'an unreadable DATABASE_URL_FILE',
      unset: ['DATABASE_URL'],
      set: { DATABASE_URL_FILE: MISSING_FILE },
      line: unreadable('DATABASE_URL'),
    },
    {
      what: 'an unknown DATABASE_SSL',
      set: { DATABASE_SSL: 'prefer' },
      line: refused(
        'DATABASE_SSL',
        'got "prefer"',
        'set DATABASE_SSL to disable, require or verify-full',
      ),
    },
    {
      what: 'no SQS_QUEUE_PREFIX',
      unset: ['SQS_QUEUE_PREFIX'],
      line: refused(
        'SQS_QUEUE_PREFIX',
        'unset',
        "set SQS_QUEUE_PREFIX to this environment's queue prefix, e.g. conveyor-prod- (conveyor-dev- is development's)",
      ),
    },
    {
      what: 'failpoints',
      set: { CONVEYOR_FAILPOINTS: 'payment-authorize:after-stripe-before-commit' },
      line: refused(
        'CONVEYOR_FAILPOINTS',
        'got "payment-authorize:after-stripe-before-commit"',
        'a test-only switch: unset it when NODE_ENV=production',
      ),
    },
  ];
}

function unreadable(name: string): string {
  return refused(
    `${name}_FILE`,
    `got "${MISSING_FILE}"`,
    `cannot read the file (ENOENT); point it at a readable file or set ${name}`,
  );
}

/** The secrets of the apps that have one; the values are canaries no line may show. */
const SECRET_REFUSALS: Partial<Record<ConveyorApp, (setup: ProductionSetup) => Refusal[]>> = {
  'order-api': (): Refusal[] => [
    {
      what: 'no AUTH_JWT_SECRET',
      unset: ['AUTH_JWT_SECRET'],
      line: refused(
        'AUTH_JWT_SECRET',
        'unset',
        'set AUTH_JWT_SECRET (HS256, 32+ characters) or AUTH_JWKS_URL (RS256 identity provider)',
      ),
    },
    {
      what: 'a short AUTH_JWT_SECRET, without showing it',
      set: { AUTH_JWT_SECRET: 'canary-jwt-secret' },
      line: refused(
        'AUTH_JWT_SECRET',
        'set, value not shown',
        'AUTH_JWT_SECRET must be at least 32 characters of random data',
      ),
    },
    {
      what: 'an unreadable AUTH_JWT_SECRET_FILE',
      unset: ['AUTH_JWT_SECRET'],
      set: { AUTH_JWT_SECRET_FILE: MISSING_FILE },
      line: unreadable('AUTH_JWT_SECRET'),
    },
    {
      what: 'no STRIPE_WEBHOOK_SECRET',
      unset: ['STRIPE_WEBHOOK_SECRET'],
      line: refused(
        'STRIPE_WEBHOOK_SECRET',
        'unset',
        'set STRIPE_WEBHOOK_SECRET to the signing secret (whsec_…) of the Stripe webhook endpoint https://<host>/webhooks/stripe',
      ),
    },
    {
      what: 'a STRIPE_WEBHOOK_SECRET not shaped whsec_…, without showing it',
      set: { STRIPE_WEBHOOK_SECRET: 'sk_test_canary_webhook_secret' },
      line: refused(
        'STRIPE_WEBHOOK_SECRET',
        'set, value not shown',
        'STRIPE_WEBHOOK_SECRET must start with whsec_ (then letters and digits): the signing secret of the Stripe webhook endpoint',
      ),
    },
    {
      what: 'an unreadable STRIPE_WEBHOOK_SECRET_FILE',
      unset: ['STRIPE_WEBHOOK_SECRET'],
      set: { STRIPE_WEBHOOK_SECRET_FILE: MISSING_FILE },
      line: unreadable('STRIPE_WEBHOOK_SECRET'),
    },
  ],
  'payment-worker': (setup): Refusal[] => {
    const keyFile = secretFile(setup, 'stripe-key', 'sk_test_canary_from_file');
    return [
      {
        what: 'no STRIPE_SECRET_KEY',
        unset: ['STRIPE_SECRET_KEY'],
        line: refused(
          'STRIPE_SECRET_KEY',
          'unset',
          'set STRIPE_SECRET_KEY to a Stripe secret key (sk_test_… for test mode)',
        ),
      },
      {
        what: 'a malformed STRIPE_SECRET_KEY, without showing it',
        set: { STRIPE_SECRET_KEY: 'sk_tset_canary_stripe_key' },
        line: refused(
          'STRIPE_SECRET_KEY',
          'set, value not shown',
          'STRIPE_SECRET_KEY must look like sk_test_…',
        ),
      },
      {
        what: 'STRIPE_SECRET_KEY and STRIPE_SECRET_KEY_FILE both',
        set: { STRIPE_SECRET_KEY_FILE: keyFile },
        line: refused(
          'STRIPE_SECRET_KEY_FILE',
          `got "${keyFile}"`,
          'set STRIPE_SECRET_KEY or STRIPE_SECRET_KEY_FILE, not both',
        ),
      },
    ];
  },
  'shipping-worker': (): Refusal[] => [
    {
      what: 'no PII_KEYS_SHIPPING',
      unset: ['PII_KEYS_SHIPPING'],
      line: refused(
        'PII_KEYS_SHIPPING',
        'unset',
        'set PII_KEYS_SHIPPING to kid:base64key[,previousKid:base64key…] (32 random bytes each: openssl rand -base64 32); the first key encrypts, all decrypt',
      ),
    },
    {
      what: 'the public development key, without showing it',
      set: { PII_KEYS_SHIPPING: formatKeyring(developmentKeyring('shipping')) },
      line: refused(
        'PII_KEYS_SHIPPING',
        'set, value not shown',
        'holds the public development key: set PII_KEYS_SHIPPING to keys of your own',
      ),
    },
  ],
};

export function refusalsFor(app: ConveyorApp, setup: ProductionSetup): Refusal[] {
  return [...serviceRefusals(setup), ...(SECRET_REFUSALS[app]?.(setup) ?? [])];
}

/** The migrate entry points load only the database settings, and refuse the same way. */
export const MIGRATE_REFUSAL: Refusal = {
  what: 'an unreadable DATABASE_URL_FILE',
  unset: ['DATABASE_URL'],
  set: { DATABASE_URL_FILE: MISSING_FILE },
  line: unreadable('DATABASE_URL'),
};
