// As each app's main.ts: source maps for this repository's code, before any of it loads.
import '@conveyor/source-maps';
import { SQSClient } from '@aws-sdk/client-sqs';
import { Pool } from 'pg';
import Stripe from 'stripe';
import type { QueueName } from '@conveyor/contracts';
import { BareConsumerLoop, type BareHandler } from './bare-consumer.loop';
import { bareInventoryHandlers } from './bare-inventory.handler';
import { bareOrderEventHandlers } from './bare-order-events.handler';
import { BareOutbox } from './bare-outbox.relay';
import { barePaymentHandlers } from './bare-payments.handler';
import {
  BARE_READY_LINE,
  parseBareProcessConfig,
  type BareProcessConfig,
} from './bare-process.config';
import { bareShippingHandlers } from './bare-shipping.handler';

const SCHEMA: Record<string, string> = {
  payments: 'payments',
  inventory: 'inventory',
  shipping: 'shipping',
  'order-events': 'orders',
};

/** One baseline worker process: plain SQS and `pg` loops over one queue. */
function main(): void {
  const config = parseBareProcessConfig(process.argv.slice(2));
  const queue = config.queue;
  if (!queue) throw new Error('a bare worker needs a queue');
  const pool = new Pool({
    connectionString: config.databaseUrl,
    max: config.poolSize,
    application_name: `bare-${queue}`,
  });
  pool.on('error', (error) => console.error('idle database session lost', error.message));

  const sqs = new SQSClient({
    region: 'us-east-1',
    endpoint: config.sqsEndpoint,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  const queueUrls = config.queueUrls as Record<QueueName, string>;
  const outbox = new BareOutbox(SCHEMA[queue], pool, sqs, queueUrls);
  const visibility = queue === 'payments' ? 60 : 30;
  const handlers = handlersFor(queue, config, pool, outbox);
  const loop = new BareConsumerLoop(
    sqs,
    queueUrls[queue],
    config.concurrency,
    visibility,
    handlers,
  );
  loop.start();
  outbox.start();
  console.log(BARE_READY_LINE);
  process.once('SIGTERM', () => {
    void loop
      .stop()
      .then(() => outbox.drain())
      .then(() => pool.end())
      .finally(() => process.exit(0));
  });
}

function handlersFor(
  queue: NonNullable<BareProcessConfig['queue']>,
  config: BareProcessConfig,
  pool: Pool,
  outbox: BareOutbox,
): Record<string, BareHandler> {
  switch (queue) {
    case 'payments': {
      if (!config.stripe) throw new Error('the bare payment worker needs stripe');
      const base = new URL(config.stripe.apiBaseUrl);
      const stripe = new Stripe(config.stripe.secretKey, {
        maxNetworkRetries: 1,
        timeout: 20_000,
        telemetry: false,
        host: base.hostname,
        port: Number(base.port),
        protocol: 'http',
      });
      return barePaymentHandlers(pool, outbox, stripe);
    }
    case 'inventory':
      return bareInventoryHandlers(pool, outbox);
    case 'shipping':
      return bareShippingHandlers(pool, outbox);
    case 'order-events':
      return bareOrderEventHandlers(pool, outbox);
  }
}

try {
  main();
} catch (error) {
  console.error(error);
  process.exit(1);
}
