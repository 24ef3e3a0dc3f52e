// As each app's main.ts: source maps for this repository's code, before any of it loads.
import '@conveyor/source-maps';
import { SQSClient } from '@aws-sdk/client-sqs';
import { Pool } from 'pg';
import type { QueueName } from '@conveyor/contracts';
import { BareOutbox } from './bare-outbox.relay';
import { BARE_READY_LINE, parseBareProcessConfig } from './bare-process.config';
import { bareApiServer } from './bare-api.server';
import { BarePriceList } from './bare-price.list';

/** The API baseline as its own process, as the order API runs. */
async function main(): Promise<void> {
  const config = parseBareProcessConfig(process.argv.slice(2));
  if (config.port === undefined || !config.jwtSecret)
    throw new Error('the bare API needs port and jwtSecret');
  const pool = new Pool({
    connectionString: config.databaseUrl,
    max: config.poolSize,
    application_name: 'bare-api',
    // How long the one statement waits for a twin request's uncommitted key; set with the
    // connection, so it costs no statement (the old SET LOCAL was one per order).
    options: '-c lock_timeout=5s',
  });
  pool.on('error', (error) => console.error('idle database session lost', error.message));

  const sqs = new SQSClient({
    region: 'us-east-1',
    endpoint: config.sqsEndpoint,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  const outbox = new BareOutbox('orders', pool, sqs, config.queueUrls as Record<QueueName, string>);
  const prices = await BarePriceList.load(pool);
  const app = bareApiServer({ pool, outbox, prices }, config.jwtSecret);
  outbox.start();
  await app.listen({ port: config.port, host: '127.0.0.1' });
  console.log(BARE_READY_LINE);
  process.once('SIGTERM', () => {
    void app
      .close()
      .then(() => outbox.drain())
      .then(() => pool.end())
      .finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
