import { CONVEYOR_APPS } from '@conveyor/dev-stack';
import { TcpProxy } from '@conveyor/testing';
import { startE2eStack, type E2eStack } from './e2e-stack';
import { testEnvironment } from './test-context';

export interface NetworkFaultStack {
  e2e: E2eStack;
  /** Between every app and PostgreSQL. */
  database: TcpProxy;
  /** Between every app and the SQS emulator. */
  sqs: TcpProxy;
  stop(): Promise<void>;
}

/**
 * The four apps with a TcpProxy in front of PostgreSQL and one in front of SQS, and
 * `timeouts` (DATABASE_*_TIMEOUT_MS, SQS_*) set in every app.
 */
export async function startNetworkFaultStack(
  label: string,
  timeouts: Record<string, string>,
): Promise<NetworkFaultStack> {
  const env = testEnvironment();
  const databaseUrl = new URL(env.CONVEYOR_TEST_DATABASE_URL);
  const database = await TcpProxy.start(Number(databaseUrl.port || 5432));
  const sqs = await TcpProxy.start(Number(new URL(env.CONVEYOR_TEST_SQS_ENDPOINT).port));
  databaseUrl.hostname = '127.0.0.1';
  databaseUrl.port = String(database.port);
  const appEnv = { DATABASE_URL: databaseUrl.toString(), ...timeouts };
  const e2e = await startE2eStack({
    label,
    sqsEndpoint: `http://127.0.0.1:${sqs.port}`,
    extraEnv: Object.fromEntries(CONVEYOR_APPS.map((app) => [app, appEnv])),
  });
  return {
    e2e,
    database,
    sqs,
    stop: async () => {
      await database.restore();
      await sqs.restore();
      await e2e.stop();
      await database.stop();
      await sqs.stop();
    },
  };
}
