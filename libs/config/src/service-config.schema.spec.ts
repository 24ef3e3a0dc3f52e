import { ConfigError, loadConfig } from './load-config';
import { localStackModeEnvSchema } from './local-stack-mode.schema';
import { serviceEnvSchemaWith, sqsConnection, toServiceConfig } from './service-config.schema';

const schema = serviceEnvSchemaWith({});
const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
const base = {
  DATABASE_URL: 'postgres://postgres@db.internal:5432/conveyor',
  SQS_QUEUE_PREFIX: 'conveyor-staging-',
};

function load(env: Record<string, string>) {
  return toServiceConfig(loadConfig(schema, env));
}

function problemsOf(load: () => unknown): readonly string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('service configuration', () => {
  it.each([
    [{}, { mode: 'disable' }],
    [{ NODE_ENV: 'production' }, { mode: 'verify-full' }],
    [
      { NODE_ENV: 'production', DATABASE_SSL_CA: CA },
      { mode: 'verify-full', ca: CA },
    ],
    [{ NODE_ENV: 'production', DATABASE_SSL: 'require' }, { mode: 'require' }],
    [{ NODE_ENV: 'production', DATABASE_SSL: 'disable' }, { mode: 'disable' }],
    [{ DATABASE_SSL: 'verify-full' }, { mode: 'verify-full' }],
  ])('connects to the database with %j as %j', (env, ssl) => {
    expect(load({ ...base, ...env }).database).toEqual({
      url: base.DATABASE_URL,
      poolSize: 10,
      ssl,
    });
  });

  it('refuses a CA bundle where no certificate is verified', () => {
    const env = { ...base, NODE_ENV: 'production', DATABASE_SSL: 'require', DATABASE_SSL_CA: CA };
    expect(problemsOf(() => load(env))).toEqual([
      'Invalid configuration: DATABASE_SSL (got "require"): a CA bundle (DATABASE_SSL_CA_FILE) is used only with DATABASE_SSL=verify-full; the mode is require',
    ]);
  });

  it('puts DATABASE_PASSWORD, a secret apart from the URL, into the connection URL', () => {
    const password = 'p@ss word/:#?';
    const { url } = load({ ...base, DATABASE_PASSWORD: password }).database;
    expect(new URL(url).username).toBe('postgres');
    expect(decodeURIComponent(new URL(url).password)).toBe(password);
    expect(url).toMatch(/^postgres:\/\/postgres:[^@]+@db\.internal:5432\/conveyor$/);
  });

  it('refuses a password given both in DATABASE_URL and as DATABASE_PASSWORD', () => {
    const env = { DATABASE_URL: 'postgres://app:one@db/conveyor', DATABASE_PASSWORD: 'two' };
    expect(problemsOf(() => load(env))).toEqual([
      'Invalid configuration: DATABASE_PASSWORD (set, value not shown): DATABASE_URL carries a password too: give it in one place',
    ]);
  });

  it('names its queues with SQS_QUEUE_PREFIX, which production must set', () => {
    const unnamed = { DATABASE_URL: base.DATABASE_URL };
    expect(load(base).sqs.queuePrefix).toBe('conveyor-staging-');
    expect(load(unnamed).sqs.queuePrefix).toBe('conveyor-dev-');
    expect(problemsOf(() => load({ ...unnamed, NODE_ENV: 'production' }))).toEqual([
      "Invalid configuration: SQS_QUEUE_PREFIX (unset): set SQS_QUEUE_PREFIX to this environment's queue prefix, e.g. conveyor-prod- (conveyor-dev- is development's)",
    ]);
  });

  it('refuses failpoints in production only', () => {
    const env = { ...base, CONVEYOR_FAILPOINTS: 'shipping-create:before-commit' };
    expect(load(env).failpoints).toEqual(['shipping-create:before-commit']);
    expect(problemsOf(() => load({ ...env, NODE_ENV: 'production' }))).toEqual([
      'Invalid configuration: CONVEYOR_FAILPOINTS (got "shipping-create:before-commit"): a test-only switch: unset it when NODE_ENV=production',
    ]);
  });

  it('warns when a production app is pointed at an SQS emulator, and only then', () => {
    const emulator = { ...base, SQS_ENDPOINT: 'http://127.0.0.1:9324/' };
    expect(load({ ...emulator, NODE_ENV: 'production' }).warnings).toEqual([
      'NODE_ENV=production with SQS_ENDPOINT=http://127.0.0.1:9324: calls go to that endpoint (an emulator?), not to AWS',
    ]);
    expect(load(emulator).warnings).toEqual([]);
    const vpcEndpoint = { SQS_ENDPOINT: 'https://sqs.eu-west-1.amazonaws.com' };
    expect(load({ ...base, ...vpcEndpoint, NODE_ENV: 'production' }).warnings).toEqual([]);
  });
});

describe('sqsConnection', () => {
  const region = { AWS_REGION: 'eu-west-1' };

  it('signs for an emulator with placeholder credentials when none are given', () => {
    expect(sqsConnection({ ...region, SQS_ENDPOINT: 'http://127.0.0.1:9324' })).toEqual({
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:9324',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });

  it.each([
    [{}],
    [{ SQS_ENDPOINT: 'https://sqs.eu-west-1.amazonaws.com' }],
    [{ SQS_ENDPOINT: 'http://127.0.0.1:9324', AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE' }],
  ])('uses the SDK default credential chain, no placeholder, with %j', (env) => {
    expect(sqsConnection({ ...region, ...env }).credentials).toBeUndefined();
  });
});

describe('npm start in production', () => {
  it('refuses to start any stand-in, in one line naming what to set', () => {
    const env = { NODE_ENV: 'production', DATABASE_URL: base.DATABASE_URL };
    expect(problemsOf(() => loadConfig(localStackModeEnvSchema, env))).toEqual([
      'Invalid configuration: NODE_ENV (got "production"): npm start starts no development stand-in in production: set SQS_ENDPOINT, STRIPE_SECRET_KEY, AUTH_JWT_SECRET, STRIPE_WEBHOOK_SECRET, or unset NODE_ENV',
    ]);
  });

  it('generates no webhook signing secret either', () => {
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: base.DATABASE_URL,
      SQS_ENDPOINT: 'https://sqs.eu-west-1.amazonaws.com',
      STRIPE_SECRET_KEY: 'sk_test_stand_in',
      AUTH_JWT_SECRET: 'x'.repeat(32),
    };
    expect(problemsOf(() => loadConfig(localStackModeEnvSchema, env))).toEqual([
      'Invalid configuration: NODE_ENV (got "production"): npm start starts no development stand-in in production: set STRIPE_WEBHOOK_SECRET, or unset NODE_ENV',
    ]);
    const given = { ...env, STRIPE_WEBHOOK_SECRET: 'whsec_given' };
    expect(loadConfig(localStackModeEnvSchema, given).STRIPE_WEBHOOK_SECRET).toBe('whsec_given');
  });

  it('starts stand-ins outside production', () => {
    expect(loadConfig(localStackModeEnvSchema, {})).toEqual({ NODE_ENV: 'development' });
  });
});
