import { ConfigError, loadConfig } from './load-config';
import { serviceEnvSchemaWith, toServiceConfig } from './service-config.schema';

const schema = serviceEnvSchemaWith({});
const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/conveyor' };

describe('dependency timeouts', () => {
  it('bounds every PostgreSQL, SQS and readiness call by default', () => {
    expect(toServiceConfig(loadConfig(schema, base)).timeouts).toEqual({
      database: {
        connectMs: 3_000,
        statementMs: 10_000,
        queryMs: 15_000,
        idleInTransactionMs: 60_000,
      },
      sqs: { connectMs: 5_000, requestMs: 10_000, maxAttempts: 3 },
      readinessCheckMs: 3_000,
    });
  });

  it('reads each from its variable', () => {
    const env = {
      ...base,
      DATABASE_CONNECT_TIMEOUT_MS: '1000',
      DATABASE_STATEMENT_TIMEOUT_MS: '2000',
      DATABASE_QUERY_TIMEOUT_MS: '2500',
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '9000',
      SQS_CONNECT_TIMEOUT_MS: '700',
      SQS_REQUEST_TIMEOUT_MS: '4000',
      SQS_MAX_ATTEMPTS: '5',
      READINESS_CHECK_TIMEOUT_MS: '1500',
    };
    expect(toServiceConfig(loadConfig(schema, env)).timeouts).toEqual({
      database: {
        connectMs: 1_000,
        statementMs: 2_000,
        queryMs: 2_500,
        idleInTransactionMs: 9_000,
      },
      sqs: { connectMs: 700, requestMs: 4_000, maxAttempts: 5 },
      readinessCheckMs: 1_500,
    });
  });

  it('refuses a client-side query timeout that would fire before the server cancels', () => {
    const env = {
      ...base,
      DATABASE_STATEMENT_TIMEOUT_MS: '5000',
      DATABASE_QUERY_TIMEOUT_MS: '5000',
    };
    expect(() => loadConfig(schema, env)).toThrow(ConfigError);
    expect(() => loadConfig(schema, env)).toThrow(/DATABASE_QUERY_TIMEOUT_MS above/);
  });

  it.each(['0', '-1', 'soon'])('refuses SQS_REQUEST_TIMEOUT_MS=%s', (value) => {
    expect(() => loadConfig(schema, { ...base, SQS_REQUEST_TIMEOUT_MS: value })).toThrow(
      /SQS_REQUEST_TIMEOUT_MS/,
    );
  });
});
