import path from 'node:path';
import { issueAccessToken } from '@conveyor/auth';
import { loadConfig, localStackEnvSchema } from '@conveyor/config';
import { startStripeEmulator } from '@conveyor/stripe-emulator';
import { ConveyorStack, CONVEYOR_APPS, repoRoot, type ConveyorApp } from '@conveyor/testing';
import { LocalBackingServices } from './local-backing.services';
import { provisionLocalQueues } from './local-queues';
import { prefixedLogger } from './prefixed.logger';
import { localJwtSecret } from '../auth/local-jwt-secret';

const PORTS: Record<ConveyorApp, number> = {
  'order-api': 3000,
  'payment-worker': 3001,
  'inventory-worker': 3002,
  'shipping-worker': 3003,
};

/**
 * `npm start`: the whole pipeline on one machine with nothing but Node. Backing services that
 * are not configured are started locally; data lives under .data/ and survives restarts.
 */
async function main(): Promise<void> {
  const env = loadConfig(localStackEnvSchema);
  const root = repoRoot();
  const log = prefixedLogger('stack');
  const dataDir = path.resolve(root, env.CONVEYOR_DATA_DIR);
  const backing = new LocalBackingServices(dataDir, log);
  const authJwtSecret = localJwtSecret(dataDir, true);
  let stack: ConveyorStack | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping apps, then backing services`);
    await stack?.stop();
    await backing.stop();
    log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const databaseUrl = env.DATABASE_URL ?? (await backing.postgres());
  const sqsEndpoint = env.SQS_ENDPOINT ?? (await backing.sqs());
  const stripe = env.STRIPE_SECRET_KEY
    ? { secretKey: env.STRIPE_SECRET_KEY, apiBaseUrl: env.STRIPE_API_BASE_URL }
    : await backing.stripe(() => startStripeEmulator({ port: 12111 }));

  stack = new ConveyorStack({
    databaseUrl,
    sqsEndpoint,
    stripeSecretKey: stripe.secretKey,
    stripeApiBaseUrl: stripe.apiBaseUrl,
    queuePrefix: env.SQS_QUEUE_PREFIX,
    queueMode: env.QUEUE_MODE,
    authJwtSecret,
    ports: PORTS,
    logLevel: env.LOG_LEVEL,
    onLine: (app, line) => prefixedLogger(app)(line),
  });
  await stack.migrate(path.join(root, 'infra/local/seed-catalog.json'));
  await provisionLocalQueues({ endpoint: sqsEndpoint, region: env.AWS_REGION, prefix: env.SQS_QUEUE_PREFIX, mode: env.QUEUE_MODE });
  log('queues provisioned');
  await stack.start();
  printSummary(log, { databaseUrl, sqsEndpoint, stripeApiBaseUrl: stripe.apiBaseUrl });
  log(`Customer token (alice): ${await issueAccessToken(authJwtSecret, { sub: 'alice' })}`);
  log(`Admin token (ops):      ${await issueAccessToken(authJwtSecret, { sub: 'ops', role: 'admin' })}`);
  log('More: npm run -s token -- --sub <customer> [--role admin]. API docs: http://127.0.0.1:3000/docs');
  log('Press Ctrl-C to stop.');
}

function printSummary(log: (line: string) => void, urls: Record<string, string | undefined>): void {
  log('Conveyor is ready:');
  log(`  order API        http://127.0.0.1:${PORTS['order-api']}  (GET /products, POST /orders)`);
  for (const app of CONVEYOR_APPS.slice(1)) {
    log(`  ${app.padEnd(16)} http://127.0.0.1:${PORTS[app]}/health/ready  /metrics`);
  }
  log(`  PostgreSQL       ${urls.databaseUrl?.replace(/:[^:@/]+@/, ':***@')}`);
  log(`  SQS              ${urls.sqsEndpoint ?? 'AWS (default credential chain)'}`);
  log(`  Stripe           ${urls.stripeApiBaseUrl ?? 'api.stripe.com'}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
